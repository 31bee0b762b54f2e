/**
 * WeChat's open API as wx-server-sdk 4.0.2 reaches it (`cloud.openapi.<api>(…)`): a multipart POST to
 * `/admin` with `action=wx.openApi`, `apiName` and `requestData`, a protobuf `CommApiData` whose
 * `openapiData.pairs` hold each parameter as a key and its JSON. The answer is the raw bytes of a
 * protobuf `CommOpenApiResp`: WeChat's JSON answer in `respData`, its type in `contentType`.
 *
 * The local cloud answers `phonenumber.getPhoneNumber` only (any other API: WeChat's "API not found"). WeChat's codes come from the phone-number button and are opaque;
 * locally a code is `local-phone-<number>` (what the app tests' button gives), used once, as WeChat's.
 */

/** The local stand-in for the code WeChat's phone-number button gives for `phone`. */
export function localPhoneCode(phone: string): string {
  return `${LOCAL_PHONE_CODE_PREFIX}${phone}`;
}

const LOCAL_PHONE_CODE_PREFIX = 'local-phone-';

/** WeChat's answer to a code it does not know, or knows as used. */
const INVALID_CODE = { errcode: 40029, errmsg: 'invalid code' };
/** `CommOpenApiResp.errorCode` of an API the service does not know (wx-server-sdk: WX_FUNCTIONS_SERVER_OPENAPI_NOT_FOUND). */
const API_NOT_FOUND = -604100;

export class OpenApi {
  private readonly usedCodes = new Set<string>();

  constructor(private readonly options: { appid: string; now: () => number }) {}

  /** The protobuf answer to one `wx.openApi` request: CommOpenApiResp { 1: respData, 2: contentType, 3: errorCode }. */
  answer(apiName: string, requestData: Buffer): Buffer {
    if (apiName !== 'phonenumber.getPhoneNumber') return varintField(3, API_NOT_FOUND);
    const json = this.phoneNumber(readParams(requestData).code);
    return Buffer.concat([lengthDelimited(1, Buffer.from(JSON.stringify(json))), lengthDelimited(2, Buffer.from('application/json; charset=UTF-8'))]);
  }

  /** `phonenumber.getPhoneNumber({code})`, answered as https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html */
  private phoneNumber(code: unknown): object {
    if (typeof code !== 'string' || !code.startsWith(LOCAL_PHONE_CODE_PREFIX) || this.usedCodes.has(code)) return INVALID_CODE;
    this.usedCodes.add(code);
    const phone = code.slice(LOCAL_PHONE_CODE_PREFIX.length);
    return {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: phone,
        purePhoneNumber: phone,
        countryCode: '86',
        watermark: { timestamp: Math.floor(this.options.now() / 1000), appid: this.options.appid },
      },
    };
  }
}

// ---- the few protobuf messages involved (field numbers from wx-server-sdk's protobuf/openapi.js) ----

/** One field of a protobuf message: its number and, for length-delimited fields, its bytes. */
type Field = { number: number; bytes?: Buffer };

function readVarint(buf: Buffer, at: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[at++];
    if (byte === undefined) throw new Error('protobuf: truncated varint');
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function readFields(buf: Buffer): Field[] {
  const fields: Field[] = [];
  let at = 0;
  while (at < buf.length) {
    const [key, next] = readVarint(buf, at);
    at = next;
    const number = Math.floor(key / 8);
    const wireType = key & 7;
    if (wireType === 0) {
      at = readVarint(buf, at)[1];
      fields.push({ number });
    } else if (wireType === 2) {
      const [length, start] = readVarint(buf, at);
      at = start + length;
      fields.push({ number, bytes: buf.subarray(start, at) });
    } else throw new Error(`protobuf: wire type ${wireType} not expected here`);
  }
  return fields;
}

/** CommApiData { 2: OpenApiData { 1: KeyValuePair { 1: key, 2: value (JSON) }[] } } as parameters. */
function readParams(requestData: Buffer): Record<string, unknown> {
  const openapiData = readFields(requestData).find((f) => f.number === 2)?.bytes ?? Buffer.alloc(0);
  const params: Record<string, unknown> = {};
  for (const pair of readFields(openapiData).filter((f) => f.number === 1)) {
    const parts = readFields(pair.bytes!);
    const key = parts.find((f) => f.number === 1)?.bytes?.toString('utf8');
    const value = parts.find((f) => f.number === 2)?.bytes?.toString('utf8');
    if (key !== undefined && value !== undefined) params[key] = JSON.parse(value);
  }
  return params;
}

/** A varint; a negative int32 as protobuf writes it, in ten bytes (two's complement on 64 bits). */
function varint(value: number): Buffer {
  let rest = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  while (rest >= 0x80n) {
    bytes.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  bytes.push(Number(rest));
  return Buffer.from(bytes);
}

function varintField(number: number, value: number): Buffer {
  return Buffer.concat([varint(number * 8), varint(value)]);
}

function lengthDelimited(number: number, bytes: Buffer): Buffer {
  return Buffer.concat([varint(number * 8 + 2), varint(bytes.length), bytes]);
}

/** A multipart/form-data body as the SDK's form-data sends it: each part's name and its bytes. */
export function readMultipart(body: Buffer, contentType: string): Record<string, Buffer | undefined> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return {};
  const delimiter = Buffer.from(`\r\n--${boundary[1] ?? boundary[2]}`);
  const parts: Record<string, Buffer | undefined> = {};
  // The body starts with the delimiter without its CRLF: one is added in front so every part splits alike.
  const text = Buffer.concat([Buffer.from('\r\n'), body]);
  let at = text.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    const next = text.indexOf(delimiter, start);
    if (next < 0) break;
    const part = text.subarray(start + 2, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    const name = /name="([^"]*)"/.exec(part.subarray(0, headerEnd).toString('utf8'))?.[1];
    if (headerEnd >= 0 && name) parts[name] = part.subarray(headerEnd + 4);
    at = next;
  }
  return parts;
}
