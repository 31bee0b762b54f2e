import fs from 'fs';
import path from 'path';

/**
 * WeChat reads a timer trigger's cron (`秒 分 时 日 月 星期 年`) in China time (UTC+8), while the function
 * itself runs in UTC (../shared/notes/PLATFORM.md): the hours written here are Fushan's.
 */
const triggerOf = (fn: string) =>
  (
    JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'cloudfunctions', fn, 'config.json'), 'utf8')) as {
      triggers: Array<{ type: string; config: string }>;
    }
  ).triggers[0];

test('reminders go out from 18:00 in Fushan, the evening before, and later runs that evening finish what a run left', () => {
  const [second, minute, hour, ...rest] = triggerOf('reminders').config.split(' ');
  expect({ second, minute, hour, rest }).toEqual({ second: '0', minute: '*/10', hour: '18-20', rest: ['*', '*', '*', '*'] });
});

test('subscribe messages leave the outbox every five minutes', () => {
  expect(triggerOf('outbox').config).toBe('0 */5 * * * * *');
});
