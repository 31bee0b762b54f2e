import { LngLat } from '../contract';
import { CommunityDoc, CompoundDoc, DistrictDoc, geoPointDoc, StreetDoc } from '../cloudfunctions/_shared/docs';
import { Rng } from './random';

/** The demo district's registry: the district, its four streets and 52 communities, and the compounds (小区) they hold. */

interface StreetSeed {
  key: string;
  name: string;
  code: string;
  /** Rough centre of the street's built-up area (GCJ-02); the urban centre is near 37.50 N, 121.26 E. */
  centre: LngLat;
  roads: string[];
  communities: string[];
}

/** The district: Fushan, Yantai (administrative division code 370611). */
const DISTRICT = { code: '370611', name: '福山区' };

export const STREETS: StreetSeed[] = [
  {
    key: 'qingyang',
    name: '清洋街道',
    code: '370611001',
    centre: { lng: 121.247, lat: 37.506 },
    roads: ['河滨路', '松山路', '清洋街', '福海路'],
    communities: ['清洋', '河滨', '汇福', '永福园', '松山', '福海', '聚福', '祥和', '金山', '福临', '柳子', '鸿福', '安康'],
  },
  {
    key: 'fuxin',
    name: '福新街道',
    code: '370611002',
    centre: { lng: 121.268, lat: 37.498 },
    roads: ['福新路', '永达街', '盛福大街', '振华街'],
    communities: ['福新', '盛福', '福惠', '富康', '明珠', '振华', '永达', '凤凰', '福泰', '和谐', '幸福里', '福瑞', '双福'],
  },
  {
    key: 'dongting',
    name: '东厅街道',
    code: '370611003',
    centre: { lng: 121.288, lat: 37.511 },
    roads: ['东华路', '福兴路', '学府路', '东厅大街'],
    communities: ['东厅', '丰华', '福祥', '东华', '锦绣', '学府', '东苑', '福润', '新华', '嘉和', '福兴', '瑞福', '东方'],
  },
  {
    key: 'menlou',
    name: '门楼街道',
    code: '370611004',
    centre: { lng: 121.238, lat: 37.481 },
    roads: ['门楼路', '德润路', '南山路', '青山路'],
    communities: ['门楼', '仉村', '福德', '沟里', '德润', '福苑', '荷花', '青山', '泉水', '福景', '福宁', '南山', '福安'],
  },
];
/** Names of compounds (小区): a first part and a kind, each community's drawn without repeats. */
const COMPOUND_NAME_PARTS = [
  '福海',
  '金都',
  '御景',
  '鸿福',
  '阳光',
  '翠湖',
  '福康',
  '明珠',
  '锦绣',
  '盛世',
  '松山',
  '河畔',
  '南山',
  '福泰',
  '学府',
  '山水',
  '丽景',
  '海韵',
  '银河',
  '紫金',
  '滨河',
  '和平',
  '振兴',
  '清泉',
  '桃源',
  '碧水',
  '枫林',
  '怡和',
  '嘉禾',
  '东方',
  '福临',
  '祥和',
];
const COMPOUND_KINDS = ['花园', '家园', '小区', '嘉园', '华庭', '苑', '新村', '雅居', '名苑', '公寓'];

export interface Registry {
  district: DistrictDoc;
  streets: StreetDoc[];
  communities: CommunityDoc[];
  /** The roads of each community's street, for addresses. */
  roadsOf: Map<string, string[]>;
}

export function registryOf(rng: Rng): Registry {
  // The district is data like everything under it: its name comes from here, nowhere else.
  const district: DistrictDoc = { _id: `district-${DISTRICT.code}`, code: DISTRICT.code, name: DISTRICT.name, active: true };
  const streets: StreetDoc[] = STREETS.map((s) => ({ _id: `street-${s.code}`, code: s.code, name: s.name, districtId: district._id, active: true }));

  const communities: CommunityDoc[] = [];
  const roadsOf = new Map<string, string[]>();
  STREETS.forEach((street, streetIndex) => {
    street.communities.forEach((name, i) => {
      const code = `${street.code}${String(i + 1).padStart(3, '0')}`;
      const id = `community-${code}`;
      roadsOf.set(id, street.roads);
      communities.push({
        _id: id,
        code,
        name: `${name}社区`,
        streetId: streets[streetIndex]._id,
        location: geoPointDoc(rng.near(street.centre, 1400)),
        households: rng.int(8, 40) * 100,
        active: true,
      });
    });
  });
  return { district, streets, communities, roadsOf };
}

/**
 * Each community's households live in 3–8 compounds of 150–1,200 households that add up to about the
 * community's, scattered 100–1,500 m from its centre: near ones inside the community station's 15-minute
 * circle, far ones outside it. Drawn from a stream of their own, so the rest of the demo data stays as it was.
 */
export function compoundsOf(rng: Rng, communities: CommunityDoc[]): CompoundDoc[] {
  return communities.flatMap((community) => {
    const count = rng.int(Math.max(3, Math.ceil(community.households / 900)), Math.max(3, Math.min(8, Math.floor(community.households / 220))));
    const weights = Array.from({ length: count }, () => rng.int(7, 13));
    const total = weights.reduce((sum, w) => sum + w, 0);
    const names = rng.sample(COMPOUND_NAME_PARTS, count);
    return weights.map((weight, i) => ({
      _id: `compound-${community.code}-${i + 1}`,
      name: `${names[i]}${rng.pick(COMPOUND_KINDS)}`,
      communityId: community._id,
      streetId: community.streetId,
      location: geoPointDoc(rng.around(toPosition(community), rng.int(100, 1500))),
      households: Math.min(1200, Math.max(150, Math.round((community.households * weight) / total))),
      active: true,
    }));
  });
}

export function toPosition(community: CommunityDoc): LngLat {
  return { lng: community.location.coordinates[0], lat: community.location.coordinates[1] };
}
