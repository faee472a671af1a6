// The median of values given with how often each occurs (SQL groups them; neither SQLite nor PostgreSQL has a
// median both understand the same way). Even counts take the mean of the two middle values.
import type { Median } from '../../shared/dashboard-protocol';

export interface Weighted { value: number; count: number }

export function weightedMedian(items: readonly Weighted[]): Median {
  const sorted = items.filter((i) => i.count > 0).sort((a, b) => a.value - b.value);
  const n = sorted.reduce((sum, i) => sum + i.count, 0);
  if (n === 0) return { days: null, n: 0 };
  const at = (index: number): number => {
    let seen = 0;
    for (const item of sorted) {
      seen += item.count;
      if (index < seen) return item.value;
    }
    throw new Error('median index out of range');
  };
  const days = n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
  return { days, n };
}
