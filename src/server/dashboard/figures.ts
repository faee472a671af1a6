// The groups the report is computed from (report.ts), as the counts give them (counts/read.ts).
import type { AppraisalStatus } from '../../shared/sync-protocol';

/** One group of cases that share every trait the priority and publicity figures need. */
export interface Profile {
  category: string;
  status: AppraisalStatus;
  minority: boolean;
  proposed: boolean;
  commended: boolean;
  published: boolean;
  consent: boolean;
  n: number;
}

/** A change of status inside a bucket: one case left `from` (null: it arrived) and entered `to`. */
export interface StatusMove { bucket: number; from: AppraisalStatus | null; to: AppraisalStatus; n: number }
