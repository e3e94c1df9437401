/**
 * Milliseconds of a .NET TimeSpan string as host.json and the durable extension write them:
 * '[d.]hh:mm:ss[.fff]'. @throws on another format.
 */
export function timeSpanMs(text: string): number {
  const found = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/.exec(text);
  if (!found) throw new Error(`"${text}" is not a TimeSpan ([d.]hh:mm:ss[.fff])`);
  const [, days = '0', hours, minutes, seconds, fraction = '0'] = found;
  const whole = ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds);
  return whole * 1000 + Math.round(Number(`0.${fraction}`) * 1000);
}
