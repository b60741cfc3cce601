// What every engine in the comparison is given: EasyList as marketing, EasyPrivacy as analytics
// (network filters only; the copies the engine ships, `file` relative to engine/rules), and for our
// engine the policy that blocks exactly those two categories.
export const BENCH_LISTS = [
  { name: 'easylist', file: 'lists/easylist.txt', category: 'marketing' },
  { name: 'easyprivacy', file: 'lists/easyprivacy.txt', category: 'analytics' },
];
export const BENCH_POLICY = { defaults: { analytics: 'block', marketing: 'block' }, unknown_third_party: 'allow' };
