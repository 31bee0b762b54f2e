import fs from 'fs';
import { API_DOCS_PATH, renderApiDocs } from '../../scripts/api-docs';

/** docs/API.md is generated from the contract, contract/access.ts and docs/API.template.md: it cannot drift from them. */
test('docs/API.md is what npm run docs:api makes of the contract today', () => {
  const committed = fs.readFileSync(API_DOCS_PATH, 'utf8');
  const generated = renderApiDocs();
  if (committed !== generated) {
    const at = [...generated].findIndex((char, i) => char !== committed[i]);
    const line = generated.slice(0, at).split('\n').length;
    throw new Error(`docs/API.md is stale: run npm run docs:api (first difference at line ${line})`);
  }
});
