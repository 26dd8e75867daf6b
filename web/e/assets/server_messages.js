// The API's validation messages are English; on the Chinese page the common
// ones are put into Chinese through the i18n tables (keys srv_*). A message
// with no rule, or a language without the key, is shown as the server sent it.

const rules = [
  [/^(is required|must not be empty|needs at least one option)$/, 'srv_required'],
  [/^must be at least (\d+) characters$/, 'srv_min_chars', (m) => ({ n: m[1] })],
  [/^must be at most (\d+) characters$/, 'srv_max_chars', (m) => ({ n: m[1] })],
  [/^must not contain control characters$/, 'srv_control_chars'],
  [/^is not one of the options$/, 'srv_not_an_option'],
  [/^is listed twice$/, 'srv_listed_twice'],
  [/^must be accepted$/, 'srv_must_accept'],
  [/^is already registered for this event$/, 'srv_email_taken'],
  [/^"(.*)" and "(.*)" overlap in time$/, 'srv_overlap', (m) => ({ a: m[1], b: m[2] })],
  [/^must be an ISO 3166-1 alpha-2/, 'srv_country'],
];

export function localize_error(error, t) {
  const message = String(error.message ?? '');
  for (const [pattern, key, vars] of rules) {
    const m = pattern.exec(message);
    if (!m) continue;
    const text = t(key, vars ? vars(m) : {});
    return text === key ? message : text;
  }
  // Every email complaint means the same thing to the person typing it.
  if (error.field === 'email') {
    const text = t('srv_email');
    if (text !== 'srv_email') return text;
  }
  return message;
}
