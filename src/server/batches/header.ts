// The header a new batch starts with (the board edits it before submitting): the place and the bodies named
// after the commune for a commune batch, after the province otherwise; today's date in Vietnam; no number or
// signer yet; the legal bases from the commendation settings.
import type { Authority, BatchHeader } from '../../shared/batch-protocol';
import { communes } from '../../shared/reference';
import unitsJson from '../../shared/reference/lai-chau-units.json';

const PROVINCE = `tỉnh ${unitsJson.province.name}`;

/** Who decides a batch of the other authorities, as the Tờ trình addresses them (Kính gửi). */
const UPWARD_ADDRESSEE = 'Thủ tướng Chính phủ';

export function defaultHeader(authority: Authority, communeCode: string, legalBases: readonly string[], today: string): BatchHeader {
  const unit = authority === 'commune' ? communes.find((c) => c.code === communeCode) : undefined;
  const place = unit ? unit.name : unitsJson.province.name;
  const body = `Ủy ban nhân dân ${unit ? `${unit.type} ${unit.name}` : PROVINCE}`;
  return {
    number: '',
    symbol: 'TTr-UBND',
    date: today,
    placeName: place,
    proposingBody: body,
    addressee: authority === 'upward' ? UPWARD_ADDRESSEE : `Chủ tịch ${body}`,
    signerTitle: '',
    signerName: '',
    legalBases: [...legalBases],
  };
}
