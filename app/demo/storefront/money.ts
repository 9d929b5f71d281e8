/** Shopify's money formats: `{{amount}}` and its variants in a shop's format string, from cents. */

function groups(whole: string, separator: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

function amount(cents: number, decimals: number, thousands: string, decimal: string): string {
  const [whole = "0", fraction] = (cents / 100).toFixed(decimals).split(".");
  return groups(whole, thousands) + (fraction ? decimal + fraction : "");
}

const PLACEHOLDERS: Record<string, (cents: number) => string> = {
  amount: (c) => amount(c, 2, ",", "."),
  amount_no_decimals: (c) => amount(c, 0, ",", "."),
  amount_with_comma_separator: (c) => amount(c, 2, ".", ","),
  amount_no_decimals_with_comma_separator: (c) => amount(c, 0, ".", ","),
  amount_with_apostrophe_separator: (c) => amount(c, 2, "'", "."),
  amount_with_space_separator: (c) => amount(c, 2, " ", ","),
};

/** `formatMoney(12900, "${{amount}}")` → "$129.00". */
export function formatMoney(cents: number, format: string): string {
  const value = Number.isFinite(cents) ? Math.round(cents) : 0;
  // A negative amount reads "-$2.50": the sign goes before the whole format.
  const text = format.replace(/\{\{\s*(\w+)\s*\}\}/, (_m, name: string) =>
    (PLACEHOLDERS[name] ?? PLACEHOLDERS.amount!)(Math.abs(value)),
  );
  return value < 0 ? `-${text}` : text;
}
