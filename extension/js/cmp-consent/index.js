// Reads a CMP's own record of the answer and compares it with the person's choice for the site
// ({category: 'allow'|'block'}), for the banner rules' `stored.decoder` (klaro, vanillacc, osano,
// tcf). The answer: {decoder, categories | purposes, mismatches: [{category, purpose?, choice,
// stored}]}, or {decoder, error} when the record cannot be read (nothing stored, not the CMP's
// format): an unreadable record is reported, never taken for a match.
import { categoryMismatches } from './category-comparison.js';
import { decodeKlaro } from './klaro.js';
import { decodeOsano } from './osano.js';
import { purposeMismatches } from './purpose-comparison.js';
import { decodeTcString } from './tcf.js';
import { decodeVanillacc } from './vanillacc.js';

const DECODERS = Object.freeze({ klaro: decodeKlaro, vanillacc: decodeVanillacc, osano: decodeOsano, tcf: decodeTcString });

export const DECODER_NAMES = Object.freeze(Object.keys(DECODERS));

// `config`: what the decoder needs from the page besides the value (klaro: {services}).
export function verifyStoredConsent(decoder, value, choice, config = {}) {
  const decode = Object.hasOwn(DECODERS, decoder) ? DECODERS[decoder] : null;
  if (!decode) return { decoder: String(decoder), error: `no decoder named "${String(decoder).slice(0, 40)}"` };
  try {
    const stored = decode(value, config);
    const mismatches = stored.purposes ? purposeMismatches(stored.purposes, choice) : categoryMismatches(stored.categories, choice);
    return { decoder, ...stored, mismatches };
  } catch (error) {
    return { decoder, error: error.message };
  }
}
