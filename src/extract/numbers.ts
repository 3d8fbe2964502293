/**
 * Numbers as Chinese reports write them: full-width digits, thousands separators, decimals,
 * 中文数字 (二〇二二, 两千, 三百零五, 一亿零二十万), 万/亿 multipliers and percentages. The raw
 * text is always returned beside the value; nothing here rounds or rewrites.
 */

export interface ParsedNumber {
  value: number;
  raw: string;
  /** The number was written as a percentage (`%`, `％`, 百分之…). `value` is then the number of percent. */
  percent?: boolean;
}

const DIGIT: Record<string, number> = {
  零: 0, 〇: 0, '○': 0, 'Ｏ': 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNIT: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Full-width digits and marks → ASCII. */
export function toHalfWidth(text: string): string {
  return text.replace(/[０-９．，％＋－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** 中文数字 → number, or null when `text` is not one. */
export function parseChineseNumber(text: string): number | null {
  if (!text) return null;
  // Digit by digit, as in years: 二〇二二.
  if (![...text].some((c) => c in SMALL_UNIT || c in BIG_UNIT)) {
    let value = 0;
    for (const c of text) {
      const d = DIGIT[c];
      if (d === undefined) return null;
      value = value * 10 + d;
    }
    return value;
  }
  let total = 0; // completed 亿 groups
  let section = 0; // current group below the last big unit
  let digit: number | null = null;
  for (const c of text) {
    if (c in DIGIT) {
      digit = DIGIT[c]!;
    } else if (c in SMALL_UNIT) {
      section += (digit ?? 1) * SMALL_UNIT[c]!; // 十 alone is 10
      digit = null;
    } else if (c in BIG_UNIT) {
      const unit = BIG_UNIT[c]!;
      const group = section + (digit ?? 0);
      if (unit === 1e8) {
        total = (total + group) * unit;
      } else {
        total += group * unit;
      }
      section = 0;
      digit = null;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}

/**
 * A number as written → its value. Accepts `1,234`, `１２３`, `96171.6`, `3.5万`, `二〇二二`,
 * `三百零五`, `一亿零二十万`, `12%`, `百分之九十`. Returns null for anything else.
 */
export function parseNumber(raw: string): ParsedNumber | null {
  const text = toHalfWidth(raw.trim()).replace(/\s+/g, '');
  if (!text) return null;
  let body = text;
  let percent = false;
  if (/%$/.test(body)) {
    percent = true;
    body = body.slice(0, -1);
  } else if (body.startsWith('百分之')) {
    percent = true;
    body = body.slice(3);
  }
  let multiplier = 1;
  const big = /^(.*\d)(万|亿)$/.exec(body);
  if (big) {
    body = big[1]!;
    multiplier = big[2] === '万' ? 1e4 : 1e8;
  }
  let value: number | null = null;
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(body)) value = Number(body.replace(/,/g, ''));
  else if (/^[+-]?\d+(\.\d+)?$/.test(body)) value = Number(body);
  else if (/^[+-]?\.\d+$/.test(body)) value = Number(body);
  else if (multiplier === 1) value = parseChineseNumber(body);
  if (value === null || !Number.isFinite(value)) return null;
  // Multiply without float noise (1.2万 → 12000, not 11999.999…).
  if (multiplier !== 1) value = Math.round(value * multiplier * 1e6) / 1e6;
  const out: ParsedNumber = { value, raw };
  if (percent) out.percent = true;
  return out;
}
