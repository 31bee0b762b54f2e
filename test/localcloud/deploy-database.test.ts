import { execFile } from 'child_process';
import path from 'path';
import { promisify } from 'util';
import { sdkEnvironment } from '../../localcloud/src/server';
import { ROOT, startCloud, TestCloud } from '../helpers/cloud';

/** The deployment script reads the same spec the local cloud serves, through the real SDK. */
let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startCloud();
});
afterAll(() => cloud?.stop());

test('deploy:database finds every declared collection and lists its indexes and rules', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'dist/localcloud/deploy-database.js')], {
    env: { ...process.env, ...sdkEnvironment(cloud.url, cloud.secret) },
  });
  const spec = require('../../cloudfunctions/database.json') as { collections: Record<string, unknown> };
  for (const name of Object.keys(spec.collections)) expect(stdout).toMatch(new RegExp(`exists +${name}\\n`));
  expect(stdout).toContain('rule {"read":false,"write":false}');
  expect(stdout).toContain('index location_geo {"location":"2dsphere"}');
});
