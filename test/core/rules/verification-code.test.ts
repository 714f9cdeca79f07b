import { describe, expect, it } from "vitest";
import {
  CODE_ALPHABET,
  CODE_RANDOM_BITS,
  newVerificationCode,
  normalizeCode,
} from "../../../src/core/rules/verification-code.js";

const characters = (code: string) => code.slice("LOC-".length).replaceAll("-", "");

describe("a letter's verification code", () => {
  it("is LOC and four groups of four Crockford base32 characters: 16 × 5 = 80 random bits", () => {
    // Crockford's alphabet: 32 symbols, none of I, L, O, U.
    expect(new Set(CODE_ALPHABET).size).toBe(32);
    expect(CODE_ALPHABET).not.toMatch(/[ILOU]/);
    const code = newVerificationCode();
    expect(code).toMatch(/^LOC(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    const bits = characters(code).length * Math.log2(CODE_ALPHABET.length);
    expect(bits).toBe(CODE_RANDOM_BITS);
    expect(bits).toBeGreaterThanOrEqual(80);
  });

  it("uses every symbol at every position: the bits are random, not a few bytes stretched", () => {
    // 3,000 codes: a symbol missing at one of the 16 positions has a chance of about 16·32·(31/32)^3000 ≈ 1e-38.
    const seen = Array.from({ length: 16 }, () => new Set<string>());
    const codes = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const code = newVerificationCode();
      codes.add(code);
      [...characters(code)].forEach((c, at) => seen[at]!.add(c));
    }
    expect(codes.size).toBe(3000);
    expect(seen.map((s) => s.size)).toEqual(Array(16).fill(32));
  });

  it("is read back as typed: any case, spaces, and O, I, L misread for 0, 1, 1", () => {
    expect(normalizeCode(" loc-7k3q-9xw2-m4td-0b8r ")).toBe("LOC-7K3Q-9XW2-M4TD-0B8R");
    expect(normalizeCode("LOC-7K3Q-9XW2-M4TD-OB8R")).toBe("LOC-7K3Q-9XW2-M4TD-0B8R");
    expect(normalizeCode("loc 7k3q 9xw2 m4td ob8r")).toBe("LOC-7K3Q-9XW2-M4TD-0B8R");
    expect(normalizeCode("LOC-IL00-0000-0000-0000")).toBe("LOC-1100-0000-0000-0000");
    // Codes of the earlier format (two groups, an alphabet with L) stay as they were issued.
    expect(normalizeCode("loc-lmn2-3456")).toBe("LOC-LMN2-3456");
  });
});
