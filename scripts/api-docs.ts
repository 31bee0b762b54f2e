/**
 * docs/API.md, generated: the prose of docs/API.template.md with every `<!-- actions … -->` marker
 * replaced by those actions' reference (who may call, what they may answer, input and output as
 * TypeScript-like shapes) and `<!-- types -->` by the named types they use. The shapes come from the
 * contract's zod schemas (z.toJSONSchema), the words from its doc comments (read with TypeScript's
 * parser), the roles and error codes from contract/access.ts.
 *
 * `npm run docs:api` writes the file; test/contract/api-docs.test.ts fails while it is stale.
 * One file of a little over 300 lines on purpose: one generator, read top to bottom (comments, shapes,
 * types, the page), each step used once.
 */
import fs from 'fs';
import path from 'path';
import ts from 'typescript';
import { z } from 'zod';
import { access, ActionAccess, CALLER_LABELS, EVERY_ACTION_ERRORS } from '../contract/access';
import * as contract from '../contract';

/** The project's folder: above scripts/ here, above dist/scripts/ once built. */
const ROOT = [path.resolve(__dirname, '..'), path.resolve(__dirname, '../..')].find((dir) => fs.existsSync(path.join(dir, 'package.json')))!;
export const API_DOCS_PATH = path.join(ROOT, 'docs', 'API.md');
const TEMPLATE_PATH = path.join(ROOT, 'docs', 'API.template.md');

type Json = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Json>;
  required?: string[];
  additionalProperties?: boolean | Json;
  items?: Json;
  prefixItems?: Json[];
  anyOf?: Json[];
  oneOf?: Json[];
  allOf?: Json[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  $defs?: Record<string, Json>;
};
type Io = 'input' | 'output';

/** `userSchema` → `User`: the contract's exported schemas are the named types of the reference. */
const typeNameOf = (exportName: string) => exportName.replace(/Schema$/, '').replace(/^./, (c) => c.toUpperCase());

const namedSchemas = Object.entries(contract).filter(([name, value]) => name.endsWith('Schema') && value instanceof z.ZodType) as Array<[string, z.ZodType]>;
const registry = z.registry<{ id: string }>();
for (const [name, schema] of namedSchemas) if (!registry.has(schema)) registry.add(schema, { id: name });

function jsonSchemaOf(schema: z.ZodType, io: Io): Json {
  // Refinements and transforms have no JSON Schema: their checks are left to the words around them.
  return z.toJSONSchema(schema, { io, metadata: registry, unrepresentable: 'any', reused: 'inline' }) as Json;
}

/** The doc comments of the contract: each action's, and each field of each exported schema's. */
interface Docs {
  actions: Map<string, string>;
  types: Map<string, string>;
  fields: Map<string, Map<string, string>>;
}

/** The doc comment (a `/**` block) just before a node, as one line. */
function docBefore(node: ts.Node, text: string): string {
  const comments = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  const last = comments.reverse().find((c) => text.startsWith('/**', c.pos));
  if (!last) return '';
  return text
    .slice(last.pos + 3, last.end - 2)
    .split('\n')
    .map((line) => line.replace(/^\s*\*? ?/, '').trim())
    .filter(Boolean)
    .join(' ');
}

/**
 * Read from the source text alone (no type checking: fast): every `export const` of contract/, the
 * properties of its first object literal (an action table, or a schema's fields) with their comments.
 */
function readDocs(): Docs {
  const folder = path.join(ROOT, 'contract');
  const declared = new Map<string, { doc: string; members: Map<string, string> }>();
  for (const file of (fs.readdirSync(folder, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(folder, file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      for (const declaration of statement.declarationList.declarations) {
        const members = new Map<string, string>();
        const visit = (node: ts.Node): void => {
          if (members.size) return;
          if (ts.isObjectLiteralExpression(node)) {
            for (const property of node.properties) {
              const doc = property.name ? docBefore(property, text) : '';
              if (doc) members.set(property.name!.getText(source), doc);
            }
            if (members.size) return;
          }
          ts.forEachChild(node, visit);
        };
        if (declaration.initializer) visit(declaration.initializer);
        declared.set(declaration.name.getText(source), { doc: docBefore(statement, text), members });
      }
    }
  }
  // `contracts` names each function's table: `account: accountContract`.
  const docs: Docs = { actions: new Map(), types: new Map(), fields: new Map() };
  for (const fn of Object.keys(contract.contracts)) {
    const table = declared.get(`${fn}Contract`);
    if (!table) throw new Error(`contract/: no \`export const ${fn}Contract\` to read the actions' comments from`);
    for (const [actionName, doc] of table.members) docs.actions.set(`${fn}.${actionName}`, doc);
  }
  for (const [name, { doc, members }] of declared) {
    if (!name.endsWith('Schema')) continue;
    if (doc) docs.types.set(name, doc);
    if (members.size) docs.fields.set(name, members);
  }
  return docs;
}

const quote = (value: unknown) => (typeof value === 'string' ? `'${value}'` : JSON.stringify(value));
const range = (min: number | undefined, max: number | undefined, unit: string) =>
  min !== undefined && max !== undefined
    ? min === max
      ? `${min}${unit}`
      : `${min}–${max}${unit}`
    : min !== undefined
      ? `≥ ${min}${unit}`
      : max !== undefined
        ? `≤ ${max}${unit}`
        : null;

/** zod's `.int()` bounds every integer by ±MAX_SAFE_INTEGER: no limit worth a word. */
const bound = (value: number | undefined) => (value === undefined || Math.abs(value) >= Number.MAX_SAFE_INTEGER ? undefined : value);

/** A node's limits in words: lengths, bounds, pattern, format, default. */
function limitsOf(node: Json): string[] {
  const limits = [
    range(node.minLength, node.maxLength, ' chars'),
    range(node.minItems, node.maxItems, ' items'),
    range(bound(node.minimum ?? node.exclusiveMinimum), bound(node.maximum ?? node.exclusiveMaximum), ''),
    node.format ? node.format : null,
    // A format (date-time, email…) says what its long pattern would.
    node.pattern && !node.format ? `/${node.pattern}/` : null,
    node.default !== undefined ? `default ${quote(node.default)}` : null,
  ].filter((x): x is string => x !== null);
  if (node.exclusiveMinimum !== undefined) limits[limits.findIndex((l) => /\d/.test(l) && !l.includes('chars') && !l.includes('items'))] += ' (exclusive)';
  if (node.type === 'array' && node.items && !node.items.$ref && typeof node.items.type === 'string' && node.items.type !== 'object') {
    const each = limitsOf(node.items);
    if (each.length) limits.push(`each ${each.join(', ')}`);
  }
  return limits;
}

/** A JSON Schema as a TypeScript-like type; named schemas by name (collected in `used`). */
function render(node: Json, used: Set<string>, indent = '', fieldDocs?: Map<string, string>): string {
  if (node.$ref) {
    const name = node.$ref.replace('#/$defs/', '');
    used.add(name);
    return typeNameOf(name);
  }
  const alternatives = node.anyOf ?? node.oneOf;
  if (alternatives) return alternatives.map((a) => render(a, used, indent)).join(' | ');
  if (node.allOf) return node.allOf.map((a) => render(a, used, indent)).join(' & ');
  if (node.const !== undefined) return quote(node.const);
  if (node.enum) return node.enum.map(quote).join(' | ');
  if (Array.isArray(node.type)) return node.type.map((type) => render({ ...node, type }, used, indent)).join(' | ');
  switch (node.type) {
    case 'object': {
      const properties = Object.entries(node.properties ?? {});
      if (!properties.length) {
        return typeof node.additionalProperties === 'object' ? `Record<string, ${render(node.additionalProperties, used, indent)}>` : '{}';
      }
      const inner = `${indent}  `;
      const fields = properties.map(([key, value]) => {
        const limits = [...(value.description ? [value.description] : []), ...(value.$ref ? [] : limitsOf(value))];
        return { doc: fieldDocs?.get(key), text: `${key}${node.required?.includes(key) ? '' : '?'}: ${render(value, used, inner)}`, limits };
      });
      // Short and without comments: one line.
      const oneLine = `{ ${fields.map((f) => f.text).join('; ')} }`;
      if (fields.every((f) => !f.doc && !f.limits.length) && !oneLine.includes('\n') && indent.length + oneLine.length <= 100) return oneLine;
      const lines = fields.flatMap((f) => [
        ...(f.doc ? [`${inner}/** ${f.doc} */`] : []),
        `${inner}${f.text}${f.limits.length ? ` // ${f.limits.join(', ')}` : ''}`,
      ]);
      return `{\n${lines.join('\n')}\n${indent}}`;
    }
    case 'array': {
      if (node.prefixItems) return `[${node.prefixItems.map((item) => render(item, used, indent)).join(', ')}]`;
      const item = node.items ? render(node.items, used, indent) : 'unknown';
      return /[|&]/.test(item) && !item.startsWith('{') ? `(${item})[]` : `${item}[]`;
    }
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      return node.type;
    case 'integer':
      return 'integer';
    default:
      return 'unknown';
  }
}

/** A top-level shape: the type, and its own limits as a comment when it is not an object. */
function shape(node: Json, used: Set<string>, fieldDocs?: Map<string, string>): string {
  const text = render(node, used, '', fieldDocs);
  const limits = node.$ref || node.type === 'object' ? [] : limitsOf(node);
  return limits.length ? `${text} // ${limits.join(', ')}` : text;
}

const codeBlock = (text: string) => ['```ts', text, '```'].join('\n');

interface Rendering {
  docs: Docs;
  /** Named types used, by io, with their definitions as JSON Schema. */
  defs: Record<Io, Map<string, Json>>;
  used: Record<Io, Set<string>>;
}

function renderAction(fn: contract.FunctionName, actionName: string, r: Rendering): string {
  const spec = (contract.contracts[fn] as contract.FunctionContract)[actionName];
  const rights = (access[fn] as Record<string, ActionAccess>)[actionName];
  const errors = contract.ERROR_CODES.filter((code) => rights.errors.includes(code) || EVERY_ACTION_ERRORS.includes(code));
  const who = rights.roles.map((role) => CALLER_LABELS[role]).join(', ');
  const sides = (['input', 'output'] as const).map((io) => {
    const json = jsonSchemaOf(io === 'input' ? spec.input : spec.output, io);
    for (const [name, def] of Object.entries(json.$defs ?? {})) r.defs[io].set(name, def);
    return `${io}: ${shape(json, r.used[io])}`;
  });
  const doc = r.docs.actions.get(`${fn}.${actionName}`);
  return [
    `#### \`${fn}.${actionName}\``,
    ...(doc ? [doc] : []),
    `**Who:** ${who}${rights.scope ? ` (${rights.scope})` : ''}. **Answers:** ${errors.map((code) => `\`${code}\``).join(', ')}.`,
    codeBlock(sides.join('\n')),
  ].join('\n\n');
}

/** Each named type used, once: as answered, and as sent too when that differs (defaults, transforms). */
function renderTypes(r: Rendering): string {
  // Types used only inside other types are found while rendering those: go on until nothing new appears.
  const shown = new Map<string, Record<Io, string | null>>();
  let pending = true;
  while (pending) {
    pending = false;
    for (const io of ['input', 'output'] as const) {
      for (const name of [...r.used[io]]) {
        if (shown.get(name)?.[io] !== undefined && shown.get(name)![io] !== null) continue;
        const def = r.defs[io].get(name);
        if (!def) continue;
        const entry = shown.get(name) ?? { input: null, output: null };
        entry[io] = shape(def, r.used[io], r.docs.fields.get(name));
        shown.set(name, entry);
        pending = true;
      }
    }
  }
  return [...shown.entries()]
    .sort(([a], [b]) => typeNameOf(a).localeCompare(typeNameOf(b)))
    .map(([name, { input, output }]) => {
      const doc = r.docs.types.get(name);
      const blocks =
        input !== null && output !== null && input !== output
          ? [`As sent:\n\n${codeBlock(input)}`, `As answered:\n\n${codeBlock(output)}`]
          : [codeBlock((output ?? input)!)];
      return [`#### ${typeNameOf(name)} (\`${name}\`)`, ...(doc ? [doc] : []), ...blocks].join('\n\n');
    })
    .join('\n\n');
}

const MARKER = /^<!-- (actions [^>]+|types) -->$/gm;

/** docs/API.md as the contract and the template make it today. */
export function renderApiDocs(): string {
  const template = fs.readFileSync(TEMPLATE_PATH, 'utf8');
  const r: Rendering = { docs: readDocs(), defs: { input: new Map(), output: new Map() }, used: { input: new Set(), output: new Set() } };
  const rendered = new Set<string>();
  let typesMarker = false;
  const body = template.replace(MARKER, (_marker, what: string) => {
    if (what === 'types') {
      typesMarker = true;
      return '<!-- types -->';
    }
    const [, fn, ...names] = what.trim().split(/\s+/);
    if (!(fn in contract.contracts)) throw new Error(`docs/API.template.md: no function ${fn}`);
    const actions = names.length ? names : Object.keys(contract.contracts[fn as contract.FunctionName]);
    return actions
      .map((actionName) => {
        const key = `${fn}.${actionName}`;
        if (!(actionName in contract.contracts[fn as contract.FunctionName])) throw new Error(`docs/API.template.md: no action ${key}`);
        if (rendered.has(key)) throw new Error(`docs/API.template.md: ${key} is shown twice`);
        rendered.add(key);
        return renderAction(fn as contract.FunctionName, actionName, r);
      })
      .join('\n\n');
  });
  const missing = Object.entries(contract.contracts)
    .flatMap(([fn, c]) => Object.keys(c).map((a) => `${fn}.${a}`))
    .filter((key) => !rendered.has(key));
  if (missing.length) throw new Error(`docs/API.template.md: no marker shows ${missing.join(', ')}`);
  if (!typesMarker) throw new Error('docs/API.template.md: no <!-- types --> marker');
  return body.replace('<!-- types -->', renderTypes(r));
}

if (require.main === module) {
  fs.writeFileSync(API_DOCS_PATH, renderApiDocs());
  console.log(`wrote ${path.relative(process.cwd(), API_DOCS_PATH)}`);
}
