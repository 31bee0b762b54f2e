import { accountContract, actionEventSchema } from '../../contract';
import { maskPhone } from '../../rules/privacy';

describe('account contract', () => {
  test('a role grant names exactly what the role needs', () => {
    const parse = (v: unknown) => accountContract.grantRole.input.safeParse(v).success;
    expect(parse({ openid: 'u1', grant: { role: 'staff', communityId: 'c1' } })).toBe(true);
    expect(parse({ openid: 'u1', grant: { role: 'staff' } })).toBe(false);
    expect(parse({ openid: 'u1', grant: { role: 'leader', teamId: 't1' } })).toBe(true);
    expect(parse({ openid: 'u1', grant: { role: 'leader', communityId: 'c1' } })).toBe(false);
    expect(parse({ openid: 'u 1', grant: { role: 'admin' } })).toBe(false);
    expect(parse({ openid: 'u1', grant: { role: 'mayor' } })).toBe(false);
    // Resident is no role to give: taking the others back is.
    expect(parse({ openid: 'u1', grant: { role: 'resident' } })).toBe(false);
  });

  test('a profile needs a name and an 11-digit mainland mobile number', () => {
    const parse = (v: unknown) => accountContract.updateProfile.input.safeParse(v);
    expect(parse({ name: ' 王阿姨 ', phone: '13800001111', communityId: null })).toMatchObject({ success: true, data: { name: '王阿姨' } });
    expect(parse({ name: '王阿姨', phone: '1380000111', communityId: null }).success).toBe(false);
    expect(parse({ name: '王阿姨', phone: '12800001111', communityId: null }).success).toBe(false);
    expect(parse({ name: '一'.repeat(21), phone: '13800001111', communityId: null }).success).toBe(false);
    // Unknown fields (such as an openid) are refused, not ignored.
    expect(parse({ name: '王阿姨', phone: '13800001111', communityId: null, openid: 'x' }).success).toBe(false);
  });

  test('the event names an action', () => {
    expect(actionEventSchema.safeParse({ action: 'whoami' }).success).toBe(true);
    expect(actionEventSchema.safeParse({ input: {} }).success).toBe(false);
  });

  test('phones are masked to the first three and last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('123')).toBe('****');
  });
});
