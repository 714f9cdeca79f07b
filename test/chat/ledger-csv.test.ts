import { describe, expect, it } from "vitest";
import { ledgerCsv } from "../../src/chat/ledger-csv.js";

type Payment = Parameters<typeof ledgerCsv>[0][number];

const payment = (mentee: string, reference: string | null) =>
  ({
    id: "p1",
    amountCents: 150_050,
    currency: "USD",
    status: "paid",
    decidedAt: new Date("2027-04-07T10:00:00Z"),
    paidAt: new Date("2027-04-08T10:00:00Z"),
    paidReference: reference,
    checkpoint: { name: "Midterm evaluation" },
    enrollment: { term: { name: "2027-spring" }, project: { name: "Docs, and more" }, mentee: { displayName: mentee } },
  }) as unknown as Payment;

describe("the stipend ledger", () => {
  it("is RFC 4180 CSV: a header, quoted commas and quotes, CRLF line ends, instants in the program's zone", () => {
    const csv = ledgerCsv([payment('Ada "the" Dev', "BANK-1")], "Asia/Kolkata");
    expect(csv).toBe(
      "payment_id,term,project,mentee,checkpoint,amount,currency,status,decided_at,paid_at,reference\r\n" +
        'p1,2027-spring,"Docs, and more","Ada ""the"" Dev",Midterm evaluation,1500.50,USD,paid,2027-04-07T15:30:00.000+05:30,2027-04-08T15:30:00.000+05:30,BANK-1\r\n',
    );
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    const csv = ledgerCsv([payment('=HYPERLINK("http://x")', "+1")], "UTC");
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toMatch(/,'\+1\r\n$/);
  });
});
