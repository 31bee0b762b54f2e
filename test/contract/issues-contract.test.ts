import { z } from 'zod';
import { contracts, describeIssues, FIELD_LABELS } from '../../contract';

/** Every refusal of an input speaks Chinese, naming the field; zod's English never reaches a person. */

const ENGLISH = /Invalid|expected|received|Too (big|small)|Unrecognized|must|should/i;
const CHINESE = /[\u4e00-\u9fff]/;
const refusal = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input, { reportInput: true });
  expect(parsed.success).toBe(false);
  return describeIssues(parsed.error!);
};

test('each kind of problem is worded in Chinese, with the field by its Chinese name', () => {
  const schema = z
    .object({
      name: z.string().min(1).max(3),
      capacity: z.number().int().min(1).max(500),
      weekdays: z.array(z.number()).min(1).max(7),
      scope: z.enum(['nearby', 'district']),
      startAt: z.string().datetime({ offset: true }),
      place: z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]),
    })
    .strict();
  const good = { name: '王', capacity: 1, weekdays: [1], scope: 'nearby', startAt: '2026-12-05T10:00:00+08:00', place: { a: 'x' } };
  expect(refusal(schema, { ...good, name: undefined })).toBe('请填写名称');
  expect(refusal(schema, { ...good, name: 5 })).toBe('名称的格式不对');
  expect(refusal(schema, { ...good, name: '' })).toBe('请填写名称');
  expect(refusal(schema, { ...good, name: '一二三四' })).toBe('名称最多 3 个字');
  expect(refusal(schema, { ...good, capacity: 0 })).toBe('名额不能小于 1');
  expect(refusal(schema, { ...good, capacity: 501 })).toBe('名额不能大于 500');
  expect(refusal(schema, { ...good, capacity: 1.5 })).toBe('名额的格式不对');
  expect(refusal(schema, { ...good, weekdays: [] })).toBe('星期至少选 1 项');
  expect(refusal(schema, { ...good, weekdays: [1, 2, 3, 4, 5, 6, 7, 1] })).toBe('星期最多 7 项');
  expect(refusal(schema, { ...good, scope: 'everywhere' })).toBe('范围不在可选的范围内');
  expect(refusal(schema, { ...good, startAt: 'tomorrow' })).toBe('开始时间的格式不对');
  expect(refusal(schema, { ...good, place: { c: 1 } })).toBe('地点的格式不对');
  expect(refusal(schema, { ...good, extra: 1 })).toBe('提交的内容里有多余的项目，请更新小程序后再试');
  expect(refusal(schema, 'not an object')).toBe('提交的内容的格式不对');
});

test("the contract's own Chinese words win", () => {
  expect(refusal(z.object({ phone: z.string().regex(/^1\d{10}$/, '请填写 11 位手机号') }), { phone: '123' })).toBe('请填写 11 位手机号');
});

test('every field of every action has a Chinese name', () => {
  const keys = new Set<string>();
  const walk = (schema: unknown, depth = 0): void => {
    const def = (schema as { _zod?: { def: Record<string, any> } })?._zod?.def;
    if (!def || depth > 12) return;
    if (def.type === 'object') {
      for (const [key, value] of Object.entries(def.shape)) {
        keys.add(key);
        walk(value, depth + 1);
      }
    }
    for (const inner of [def.innerType, def.in, def.out, def.element, def.valueType, def.left, def.right, ...(def.options ?? [])]) walk(inner, depth + 1);
  };
  for (const actions of Object.values(contracts)) for (const { input } of Object.values(actions)) walk(input);
  expect([...keys].filter((key) => !FIELD_LABELS[key])).toEqual([]);
});

test('bad inputs to every action are refused in Chinese', () => {
  const inputs = [null, 5, 'x', [], { unknownField: 1 }, { teamId: 5, date: '9999-12-31', keyword: '\u0000', pageSize: -1, cursor: 7 }];
  for (const [fn, actions] of Object.entries(contracts)) {
    for (const [action, { input: schema }] of Object.entries(actions)) {
      for (const input of inputs) {
        const parsed = (schema as z.ZodType).safeParse(input, { reportInput: true });
        if (parsed.success) continue;
        const message = describeIssues(parsed.error);
        expect({ fn, action, input, message, chinese: CHINESE.test(message), english: ENGLISH.test(message) }).toMatchObject({ chinese: true, english: false });
      }
    }
  }
});
