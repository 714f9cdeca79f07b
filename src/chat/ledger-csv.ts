// The stipend ledger for finance, as CSV (RFC 4180 quoting). Instants are written in the program's zone
// with their offset (ISO 8601), so a spreadsheet reads the day finance means and the exact moment stays.
import type { ListedPayment } from "../core/stipends.js";
import { formatTimestamp } from "./format.js";

const HEADER = [
  "payment_id",
  "term",
  "project",
  "mentee",
  "checkpoint",
  "amount",
  "currency",
  "status",
  "decided_at",
  "paid_at",
  "reference",
];

export function ledgerCsv(payments: ListedPayment[], zone: string): string {
  const at = (instant: Date | null) => (instant ? formatTimestamp(instant, zone) : "");
  const rows = [HEADER];
  for (const p of payments) {
    rows.push([
      p.id,
      p.enrollment.term.name,
      p.enrollment.project.name,
      p.enrollment.mentee.displayName,
      p.checkpoint.name,
      (p.amountCents / 100).toFixed(2),
      p.currency,
      p.status,
      at(p.decidedAt),
      at(p.paidAt),
      p.paidReference ?? "",
    ]);
  }
  return `${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/** Quoted where needed; a leading = + - @ is defused so a spreadsheet shows it as text, not a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
