// Chinese prose takes full-width punctuation (，：；（）！？). The catalogues are written with ASCII marks for
// easy editing; this turns each mark that sits next to Chinese text into its full-width form and drops the
// spaces around it, while marks inside code stay ASCII: `0:07:30.000`, `t=29`, `TagA || TagC`, `(transaction ids
// tx-o1-a1, tx-o1-a2)` between Latin words. A pure function of the text.

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/u;
const FULL: Record<string, string> = { ',': '\uff0c', ':': '\uff1a', ';': '\uff1b', '!': '\uff01', '?': '\uff1f', '(': '\uff08', ')': '\uff09' };

const isCjk = (ch: string | undefined): boolean => ch !== undefined && CJK.test(ch);

/** The nearest non-space character before (dir -1) or after (dir 1) position i. */
function neighbour(chars: readonly string[], i: number, dir: -1 | 1): string | undefined {
  for (let j = i + dir; j >= 0 && j < chars.length; j += dir) if (chars[j] !== ' ') return chars[j];
  return undefined;
}

/** Indexes of the matching parenthesis pairs whose content holds Chinese text or which follow Chinese text. */
function chineseParens(chars: readonly string[]): Set<number> {
  const out = new Set<number>();
  const open: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '(') open.push(i);
    else if (chars[i] === ')') {
      const start = open.pop();
      if (start === undefined) continue;
      const inner = chars.slice(start + 1, i);
      if (inner.some((c) => isCjk(c)) || isCjk(neighbour(chars, start, -1))) {
        out.add(start);
        out.add(i);
      }
    }
  }
  return out;
}

/**
 * Full-width punctuation wherever a mark touches Chinese text.
 *
 * @example
 * zhPunctuate('告警: 死信队列 (第 3 次), 等待'); // '告警：死信队列（第 3 次），等待'
 * zhPunctuate('0:07:30.000  o1');               // unchanged
 */
export function zhPunctuate(text: string): string {
  if (!CJK.test(text)) return text;
  // Quotes around Chinese words become corner-free full-width quotes; quotes around code stay.
  const quoted = text.replace(/"([^"\n]*)"/g, (whole, inner: string) => (CJK.test(inner) ? `\u201c${inner}\u201d` : whole));
  const chars = [...quoted];
  const parens = chineseParens(chars);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const full = FULL[ch];
    let convert = false;
    if (ch === '(' || ch === ')') convert = parens.has(i);
    else if (full !== undefined) {
      const before = chars[i - 1];
      const after = neighbour(chars, i, 1);
      // A colon or comma between digits is a time or a number, not prose.
      const rest = chars.slice(i + 1, i + 5).join('');
      const numeric = /\d/.test(before ?? '') && (ch === ':' ? /^\d/.test(rest) : ch === ',' && /^\d{3}(\D|$)/.test(rest));
      convert = !numeric && (isCjk(neighbour(chars, i, -1)) || isCjk(after) || (chars[i + 1] === ' ' && isCjk(after)));
    }
    if (!convert || full === undefined) {
      out.push(ch);
      continue;
    }
    while (out.length > 0 && out[out.length - 1] === ' ' && ch !== '(') out.pop();
    if (ch === '(') while (out.length > 0 && out[out.length - 1] === ' ' && out.length > 0 && out.some((c) => c !== ' ')) out.pop();
    out.push(full);
    while (chars[i + 1] === ' ' && (ch !== ')' || isCjk(neighbour(chars, i, 1)))) i++;
  }
  return out.join('');
}
