/**
 * Organisations: the registered, legitimately high-volume proxies of the reference data
 * (dealers, postal, insurers, fleets, used-car brokers, driving schools), plus courts and
 * small companies that appear as ORGANISATION applicants without being registered.
 */
import type { OrganisationKind } from '../domain/codes.ts';
import { makeLandline, makeUscc } from './identity.ts';
import { COMPANY_TRADES, COMPANY_WORDS } from './names.ts';
import type { Person, Population } from './population.ts';
import type { Rng } from './prng.ts';

export interface SimOrg {
  readonly orgCode: string;
  readonly name: string;
  readonly kind: OrganisationKind | 'COURT' | 'COMPANY';
  readonly registered: boolean;
  readonly clerks: Person[];
  readonly phones: string[];
  readonly address: string;
  /** Partner stations the organisation runs (dealer, postal, insurer outlets). */
  readonly stations: readonly string[];
  /** Brands a dealer sells, as VIN world manufacturer identifiers. */
  readonly wmis: readonly string[];
}

type OrgDef = [name: string, kind: OrganisationKind, stations: readonly string[], wmis: readonly string[], clerks: number];

const REGISTERED: readonly OrgDef[] = [
  ['杭州和瑞大众汽车销售服务有限公司', 'DEALER', ['330100-DEALER-01'], ['LSV', 'LFV'], 4],
  ['杭州诚远丰田汽车销售服务有限公司', 'DEALER', ['330100-DEALER-02'], ['LVG', 'LFM'], 4],
  ['杭州锦程本田汽车销售服务有限公司', 'DEALER', ['330100-DEALER-03'], ['LHG'], 3],
  ['杭州新峰比亚迪汽车销售有限公司', 'DEALER', ['330100-DEALER-04'], ['LC0'], 3],
  ['杭州博远宝马汽车销售服务有限公司', 'DEALER', ['330100-DEALER-05'], ['LBV'], 3],
  ['中国邮政集团有限公司杭州市分公司', 'POSTAL', ['330100-POSTAL-01', '330100-POSTAL-02', '330100-POSTAL-03'], [], 5],
  ['中国人民财产保险股份有限公司杭州市分公司', 'INSURANCE', ['330100-INSURANCE-01'], [], 3],
  ['中国平安财产保险股份有限公司杭州分公司', 'INSURANCE', ['330100-INSURANCE-02'], [], 3],
  ['杭州大众出租汽车股份有限公司', 'FLEET', [], [], 3],
  ['杭州顺通物流有限公司', 'FLEET', [], [], 2],
  ['杭州易行汽车租赁有限公司', 'FLEET', [], [], 2],
  ['杭州车来车往二手车经纪有限公司', 'USED_CAR_BROKER', [], [], 3],
  ['杭州诚信二手车经纪有限公司', 'USED_CAR_BROKER', [], [], 3],
  ['杭州优车二手车交易服务有限公司', 'USED_CAR_BROKER', [], [], 2],
  ['杭州通达机动车驾驶员培训有限公司', 'DRIVING_SCHOOL', [], [], 3],
  ['杭州安泰驾驶员培训有限公司', 'DRIVING_SCHOOL', [], [], 2],
  ['杭州之江驾驶培训有限公司', 'DRIVING_SCHOOL', [], [], 2],
];

const COURTS: readonly [string, readonly string[]][] = [
  ['杭州市中级人民法院', ['330100-COURT-01']], ['杭州市西湖区人民法院', []], ['杭州市萧山区人民法院', []],
];

export function buildOrganisations(rng: Rng, people: Population, onDate: string, scale: number): SimOrg[] {
  return REGISTERED.map(([name, kind, stations, wmis, clerks]) => {
    const count = Math.max(clerks, Math.ceil(clerks * scale));
    return {
      orgCode: makeUscc(rng, people.registry, '91'),
      name,
      kind,
      registered: true,
      clerks: Array.from({ length: count }, () => people.person({ onDate, minAge: 22, maxAge: 55, quiet: true })),
      phones: Array.from({ length: rng.int(1, 2) }, () => makeLandline(rng, people.registry)),
      address: people.newAddress(),
      stations,
      wmis,
    };
  });
}

export function buildCourts(rng: Rng, people: Population): SimOrg[] {
  return COURTS.map(([name, stations]) => ({
    orgCode: makeUscc(rng, people.registry, '11'),
    name, kind: 'COURT', registered: false, clerks: [], stations, wmis: [],
    phones: [makeLandline(rng, people.registry)], address: people.newAddress(),
  }));
}

/** A small company buying or selling a car through one of its employees (not registered). */
export function makeCompany(rng: Rng, people: Population, onDate: string): SimOrg {
  const employee = people.person({ onDate, minAge: 23, maxAge: 60, quiet: true });
  return {
    orgCode: makeUscc(rng, people.registry, '91'),
    name: `杭州${rng.pick(COMPANY_WORDS)}${rng.pick(COMPANY_TRADES)}`,
    kind: 'COMPANY', registered: false, clerks: [employee], stations: [], wmis: [],
    phones: [makeLandline(rng, people.registry)], address: people.newAddress(),
  };
}
