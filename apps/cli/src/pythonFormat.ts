/** Python's repr() of a float: shortest round-trip digits, scientific below 1e-4 and from 1e16. */
export function pyRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`;
  const [mantissa, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(x);
}

/** Python's `f'{x:W.Pf}'`: fixed with P decimals, right-aligned in W characters. */
export function pyFixed(x: number, decimals: number, width = 0): string {
  const text = Number.isFinite(x) ? x.toFixed(decimals) : Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  return text.padStart(width);
}
