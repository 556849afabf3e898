// The 256-byte text block of a second-generation ID card (GA 467), UCS-2 little-endian, each field
// padded with spaces to its fixed width. Pure: no I/O.

/** Field widths in characters (two bytes each), in their order on the card. */
export const FIELDS = [
  ['name', 15], ['sex', 1], ['nation', 2], ['birth', 8], ['address', 35],
  ['idNumber', 18], ['issuer', 15], ['validFrom', 8], ['validTo', 8], ['reserved', 18],
] as const;
export const TEXT_BYTES = 256;

/** What the card says, as read. The ID number is personal data of the highest kind: see `maskIdNumber`. */
export interface IdCardText {
  name: string;
  /** GB/T 2261.1: 1 男, 2 女, 0 未知, 9 未说明 */
  sex: '0' | '1' | '2' | '9';
  /** GB 3304 code, e.g. "01" */
  nation: string;
  /** YYYYMMDD */
  birth: string;
  address: string;
  idNumber: string;
  issuer: string;
  /** YYYYMMDD */
  validFrom: string;
  /** YYYYMMDD, or 长期 for a card valid for life */
  validTo: string;
}

/** GB 3304: the 56 nationalities, and the two codes for others. */
export const NATIONS: Record<string, string> = Object.fromEntries([
  '汉', '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克', '傣', '黎',
  '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土', '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南',
  '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔', '独龙',
  '鄂伦春', '赫哲', '门巴', '珞巴', '基诺',
].map((n, i) => [String(i + 1).padStart(2, '0'), n]).concat([['97', '其他'], ['98', '外国血统中国籍人士']]));

/** Reads the block; fields are trimmed of their padding. Throws on a block of the wrong size. */
export function decodeText(block: Uint8Array): IdCardText {
  if (block.length !== TEXT_BYTES) throw new RangeError(`the text block is ${TEXT_BYTES} bytes, not ${block.length}`);
  const out: Record<string, string> = {};
  let at = 0;
  for (const [field, chars] of FIELDS) {
    out[field] = Buffer.from(block.subarray(at, at + chars * 2)).toString('utf16le').replace(/[\s\u0000]+$/u, '').trim();
    at += chars * 2;
  }
  const sex = ['0', '1', '2', '9'].includes(out.sex) ? (out.sex as IdCardText['sex']) : '0';
  return {
    name: out.name, sex, nation: out.nation, birth: out.birth, address: out.address, idNumber: out.idNumber.toUpperCase(),
    issuer: out.issuer, validFrom: out.validFrom, validTo: out.validTo,
  };
}

/** Writes the block as a card holds it (the emulator's side); a field too long is cut. */
export function encodeText(t: IdCardText): Buffer {
  const out = Buffer.alloc(TEXT_BYTES);
  let at = 0;
  for (const [field, chars] of FIELDS) {
    const value = field === 'reserved' ? '' : String(t[field as keyof IdCardText]);
    out.write([...value].slice(0, chars).join('').padEnd(chars, ' '), at, chars * 2, 'utf16le');
    at += chars * 2;
  }
  return out;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643: 17 digits and the check character (ISO 7064 MOD 11-2), with a real birth date. */
export function isValidIdNumber(id: string): boolean {
  const s = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return checkCharacter(s.slice(0, 17)) === s[17];
}

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** "110105199003071234" → "110***********1234": the one way an ID number is ever shown. */
export function maskIdNumber(id: string): string {
  if (id.length <= 7) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

/** "张三" → "张*", "欧阳娜娜" → "欧**娜": the name as screens may show it. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
