// The IAB TCF v2 record: the TC string (the `euconsent-v2` cookie, or tcString in __tcfapi's
// getTCData). Only its core segment (before the first '.') is read: a base64url bit field whose
// fixed-width head ends with the purposes consented (24 bits from bit 152) and the purposes resting
// on legitimate interest, i.e. not objected to (24 bits from bit 176), as the TCF v2 "TC string"
// specification lays it out. Purpose n is bit n-1 of each field.
const BITS = Object.freeze({ version: [0, 6], cmpId: [78, 12], purposeConsents: [152, 24], purposeLegitimateInterests: [176, 24] });
const CORE_MIN_BITS = 200;
const CORE_LIMIT = 4096;

function bitsOf(segment) {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) throw new Error('TC string: not base64url');
  let bits = '';
  for (const ch of segment) {
    const n = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(ch);
    bits += n.toString(2).padStart(6, '0');
  }
  return bits;
}

const field = (bits, [at, width]) => parseInt(bits.slice(at, at + width), 2);
const purposesSet = (bits, [at, width]) =>
  [...bits.slice(at, at + width)].flatMap((bit, i) => (bit === '1' ? [i + 1] : []));

export function decodeTcString(value) {
  if (typeof value !== 'string' || value === '') throw new Error('TC string: nothing stored');
  const core = value.split('.')[0];
  if (core.length > CORE_LIMIT) throw new Error(`TC string: ${core.length} characters, more than a core segment holds`);
  const bits = bitsOf(core);
  if (bits.length < CORE_MIN_BITS) throw new Error('TC string: shorter than a TCF v2 core segment');
  const version = field(bits, BITS.version);
  if (version !== 2) throw new Error(`TC string: version ${version}, not TCF v2`);
  return {
    cmpId: field(bits, BITS.cmpId),
    purposes: {
      consents: purposesSet(bits, BITS.purposeConsents),
      legitimateInterests: purposesSet(bits, BITS.purposeLegitimateInterests),
    },
  };
}
