import { IMPORT_SHEET_NAMES, ImportSheet, SERVICE_CLASS_LABELS, SERVICE_CLASSES, STATION_LEVEL_LABELS, STATION_LEVELS } from '../../contract';
import { formatHours, parseHours } from '../../rules/hours-text';
import { ReadRow } from '../../rules/import-plan';
import { checkCommunityFields, checkCompoundFields, checkStreetFields, checkTeamFields, compoundPositionProblem } from '../../rules/registry';
import { locationProblem, openingHoursProblem, stationScopeProblem } from '../../rules/station-checks';
import { CellValue } from '../_shared/spreadsheet';

import { byLabel, communityOf, coordinate, joined, list, numberOf, positionOf, problemsOf, required, show, streetOf, text } from './cells';
import { column, CommunityRow, CompoundRow, Parents, RowsOf, SheetSpecOf, StationRow, StreetRow, TeamRow } from './rows';

/**
 * The import workbook: its sheets and columns, each row read into the fields it stands for, and each
 * stored object shown the same way so the two compare. A row names its parent by code or name (所属街道,
 * 所属社区) and is keyed by its natural key (a street's and a community's code, a compound's and a team's
 * community code and name, a station's name), so a row finds its object whether it was made by an
 * earlier import or by hand, and the parent may be a row of the same file.
 */

// ---- the sheets ------------------------------------------------------------------------------------

const streets: SheetSpecOf<'streets'> = {
  columns: [column('街道代码', true), column('街道名称', true, 16)],
  example: { 街道代码: '370611001', 街道名称: '清洋街道' },
  read(cells) {
    const problems: string[] = [];
    const code = required(cells, '街道代码', problems);
    const name = required(cells, '街道名称', problems);
    if (problems.length) return { key: code || null, problems };
    // As the registry will save them (names tidied), so the preview shows it and a second import matches.
    const checked = checkStreetFields({ code, name, districtId: 'district' });
    return checked.ok
      ? { key: checked.value.code, fields: { code: checked.value.code, name: checked.value.name }, problems }
      : { key: code, problems: problemsOf(checked) };
  },
  write: (row) => ({ 街道代码: row.code, 街道名称: row.name }),
  title: (row) => row.name,
  rules: { labels: { name: '街道名称' }, show: show<StreetRow>({}) },
};

const communities: SheetSpecOf<'communities'> = {
  columns: [
    column('社区代码', true),
    column('社区名称', true, 16),
    column('所属街道', true, 16),
    column('经度', true),
    column('纬度', true),
    column('户数', true, 10),
  ],
  example: { 社区代码: '370611001001', 社区名称: '清洋社区', 所属街道: '清洋街道', 经度: 121.2671, 纬度: 37.4964, 户数: 1800 },
  read(cells, parents) {
    const problems: string[] = [];
    const code = required(cells, '社区代码', problems);
    const name = required(cells, '社区名称', problems);
    const street = streetOf(required(cells, '所属街道', problems), parents, problems);
    const position = positionOf(cells, problems);
    const households = numberOf(cells['户数'], '户数', problems);
    if (problems.length) return { key: code || null, problems };
    const checked = checkCommunityFields({ code, name, streetId: street, location: position, households });
    if (!checked.ok) return { key: code, problems: problemsOf(checked) };
    return { key: checked.value.code, fields: { code: checked.value.code, name: checked.value.name, street, ...position, households }, problems };
  },
  write: (row) => ({ 社区代码: row.code, 社区名称: row.name, 所属街道: row.street, 经度: row.lng, 纬度: row.lat, 户数: row.households }),
  title: (row) => row.name,
  rules: {
    labels: { name: '社区名称', street: '所属街道', lng: '经度', lat: '纬度', households: '户数' },
    show: show<CommunityRow>({ lng: coordinate, lat: coordinate }),
  },
};

const compounds: SheetSpecOf<'compounds'> = {
  columns: [column('小区名称', true, 16), column('所属社区', true, 16), column('经度', true), column('纬度', true), column('户数', true, 10)],
  example: { 小区名称: '东苑小区', 所属社区: '清洋社区', 经度: 121.2702, 纬度: 37.4981, 户数: 320 },
  read(cells, parents) {
    const problems: string[] = [];
    const name = required(cells, '小区名称', problems);
    const community = communityOf(required(cells, '所属社区', problems), parents, problems);
    const position = positionOf(cells, problems);
    const households = numberOf(cells['户数'], '户数', problems);
    const key = community && name ? `${community.code}/${name}` : null;
    if (problems.length || !community) return { key, problems };
    const checked = checkCompoundFields({ name, communityId: community.code, location: position, households });
    problems.push(...problemsOf(checked));
    const far = compoundPositionProblem(position, community.location);
    if (far) problems.push(far);
    if (!checked.ok || problems.length) return { key, problems };
    const tidied = checked.value.name;
    return { key: `${community.code}/${tidied}`, fields: { community: community.code, name: tidied, ...position, households }, problems };
  },
  write: (row) => ({ 小区名称: row.name, 所属社区: row.community, 经度: row.lng, 纬度: row.lat, 户数: row.households }),
  title: (row) => row.name,
  rules: { labels: { lng: '经度', lat: '纬度', households: '户数' }, show: show<CompoundRow>({ lng: coordinate, lat: coordinate }) },
};

const leadersText = (leaders: TeamRow['leaders']) => leaders.map((l) => (l.phone ? `${l.name}（${l.phone}）` : l.name)).join('、');

const teams: SheetSpecOf<'teams'> = {
  columns: [
    column('服务队名称', true, 18),
    column('所属社区', true, 16),
    column('服务类别', true, 10),
    column('服务项目', true, 24),
    column('简介', false, 30),
    column('联系电话', false, 16),
    column('队长姓名', false, 16),
    column('队长手机', false, 26),
  ],
  example: {
    服务队名称: '福老汇理发队',
    所属社区: '清洋社区',
    服务类别: '理发',
    服务项目: '理发、剃须',
    简介: '每月为老人免费理发',
    联系电话: '0535-6301234',
    队长姓名: '张建国',
    队长手机: '13905351234',
  },
  read(cells, parents) {
    const problems: string[] = [];
    const name = required(cells, '服务队名称', problems);
    const community = communityOf(required(cells, '所属社区', problems), parents, problems);
    const classText = required(cells, '服务类别', problems);
    const serviceClass = classText ? byLabel(SERVICE_CLASS_LABELS, classText) : undefined;
    if (classText && !serviceClass) problems.push(`服务类别“${classText}”不认识，请填：${SERVICE_CLASSES.map((c) => SERVICE_CLASS_LABELS[c]).join('、')}`);
    const names = list(cells['队长姓名']);
    const phones = list(cells['队长手机']);
    if (phones.length > names.length) problems.push('队长手机比队长姓名多，请一一对应（用“、”隔开）');
    const key = community && name ? `${community.code}/${name}` : null;
    if (problems.length || !community || !serviceClass) return { key, problems };
    const fields: TeamRow = {
      community: community.code,
      name,
      serviceClass,
      services: list(cells['服务项目']),
      description: text(cells['简介']),
      contactPhone: text(cells['联系电话']),
      leaders: names.map((leader, i) => ({ name: leader, phone: phones[i] ?? '' })),
    };
    const checked = checkTeamFields({ ...fields, communityId: community.code });
    if (!checked.ok) return { key, problems: problemsOf(checked) };
    const { name: tidied, services, description, contactPhone, leaders } = checked.value;
    return { key: `${community.code}/${tidied}`, fields: { ...fields, name: tidied, services, description, contactPhone, leaders }, problems };
  },
  write: (row) => ({
    服务队名称: row.name,
    所属社区: row.community,
    服务类别: SERVICE_CLASS_LABELS[row.serviceClass],
    服务项目: joined(row.services),
    简介: row.description,
    联系电话: row.contactPhone,
    队长姓名: joined(row.leaders.map((l) => l.name)),
    队长手机: joined(row.leaders.map((l) => l.phone)),
  }),
  title: (row) => row.name,
  rules: {
    labels: { serviceClass: '服务类别', services: '服务项目', description: '简介', contactPhone: '联系电话', leaders: '队长' },
    show: show<TeamRow>({ serviceClass: (c) => SERVICE_CLASS_LABELS[c], services: joined, leaders: leadersText }),
  },
};

const stations: SheetSpecOf<'stations'> = {
  columns: [
    column('服务站名称', true, 22),
    column('级别', true, 10),
    column('所属街道', false, 16),
    column('所属社区', false, 16),
    column('地址', true, 28),
    column('经度', true),
    column('纬度', true),
    column('电话', true, 16),
    column('服务项目', false, 24),
    column('开放时间', false, 36),
  ],
  example: {
    服务站名称: '清洋社区党群服务站',
    级别: '社区级',
    所属街道: '',
    所属社区: '清洋社区',
    地址: '清洋街道清洋社区居委会一楼',
    经度: 121.2671,
    纬度: 37.4964,
    电话: '0535-6301234',
    服务项目: '政策咨询、便民服务',
    开放时间: '周一至周五 08:30-12:00,14:00-17:30；周六 09:00-12:00',
  },
  read(cells, parents) {
    const problems: string[] = [];
    const name = required(cells, '服务站名称', problems);
    const levelText = required(cells, '级别', problems);
    const level = levelText ? byLabel(STATION_LEVEL_LABELS, levelText) : undefined;
    if (levelText && !level) problems.push(`级别“${levelText}”不认识，请填：${STATION_LEVELS.map((l) => STATION_LEVEL_LABELS[l]).join('、')}`);
    const street = streetOf(text(cells['所属街道']), parents, problems);
    const community = communityOf(text(cells['所属社区']), parents, problems);
    const address = required(cells, '地址', problems);
    const position = positionOf(cells, problems);
    const phone = required(cells, '电话', problems).replace(/\s/g, '');
    if (phone && !/^[\d-]{7,20}$/.test(phone)) problems.push('电话号码格式不正确');
    const hours = parseHours(text(cells['开放时间']));
    if ('problem' in hours) problems.push(`开放时间：${hours.problem}`);
    const key = name || null;
    if (problems.length || !level || 'problem' in hours) return { key, problems };
    const communityCode = community?.code ?? '';
    const scope = stationScopeProblem({
      level,
      communityId: communityCode || null,
      streetId: level === 'district' || level === 'street' ? street || null : null,
    });
    const reach = community ? locationProblem(position, community.location) : null;
    const hoursProblem = openingHoursProblem(hours.hours);
    for (const problem of [scope, reach, hoursProblem]) if (problem) problems.push(problem);
    if (problems.length) return { key, problems };
    const services = Array.from(new Set(list(cells['服务项目'])));
    return {
      key,
      fields: {
        name,
        level,
        street: level === 'district' || level === 'street' ? street : '',
        community: communityCode,
        address,
        ...position,
        phone,
        services,
        hours: hours.hours,
      },
      problems,
    };
  },
  write: (row) => ({
    服务站名称: row.name,
    级别: STATION_LEVEL_LABELS[row.level],
    所属街道: row.street,
    所属社区: row.community,
    地址: row.address,
    经度: row.lng,
    纬度: row.lat,
    电话: row.phone,
    服务项目: joined(row.services),
    开放时间: formatHours(row.hours),
  }),
  title: (row) => row.name,
  rules: {
    labels: {
      level: '级别',
      street: '所属街道',
      community: '所属社区',
      address: '地址',
      lng: '经度',
      lat: '纬度',
      phone: '电话',
      services: '服务项目',
      hours: '开放时间',
    },
    show: show<StationRow>({ level: (l) => STATION_LEVEL_LABELS[l], lng: coordinate, lat: coordinate, services: joined, hours: formatHours }),
  },
};

export const SHEETS: { [K in ImportSheet]: SheetSpecOf<K> } = { streets, communities, compounds, teams, stations };

/** The sheet a workbook's tab stands for, by its name (as the template names it), or undefined. */
export function sheetNamed(name: string): ImportSheet | undefined {
  return (Object.keys(IMPORT_SHEET_NAMES) as ImportSheet[]).find((sheet) => IMPORT_SHEET_NAMES[sheet] === name.trim());
}

/** The header problems of a sheet: required columns missing, columns the sheet does not have. */
export function headerProblems(sheet: ImportSheet, headers: string[]): string[] {
  const columns = SHEETS[sheet].columns;
  const sheetName = IMPORT_SHEET_NAMES[sheet];
  const missing = columns.filter((c) => c.required && !headers.includes(c.header)).map((c) => c.header);
  const unknown = headers.filter((h) => !columns.some((c) => c.header === h));
  return [
    ...(missing.length ? [`“${sheetName}”表缺少列：${missing.join('、')}（请用模板的列名）`] : []),
    ...(unknown.length ? [`“${sheetName}”表有不认识的列：${unknown.join('、')}`] : []),
  ];
}

/** A read row in the form the planner takes. */
export function readRowOf<K extends ImportSheet>(
  sheet: K,
  row: number,
  cells: Record<string, CellValue>,
  parents: Parents,
  cellProblems: string[],
): ReadRow<RowsOf[K]> {
  const read = SHEETS[sheet].read(cells, parents);
  const problems = [...cellProblems, ...read.problems];
  if (problems.length || !read.fields || read.key === null) return { row, key: read.key, problems: problems.length ? problems : ['这一行无法读取'] };
  return { row, key: read.key, fields: read.fields };
}
