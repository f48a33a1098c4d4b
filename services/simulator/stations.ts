/**
 * The stations of the simulated office: where business is accepted, when, and what each kind
 * of outlet offers. Shares are fractions of a weekday's volume.
 */
import type { BusinessTypeCode } from '../domain/business-types.ts';
import type { Channel, StationKind } from '../domain/codes.ts';
import type { Hours } from './time.ts';

export type Menu = readonly (readonly [BusinessTypeCode, number])[];

export interface SimStation {
  readonly code: string;
  readonly name: string;
  readonly kind: StationKind;
  readonly lat: number;
  readonly lon: number;
  readonly hours: Hours;
  readonly menu: Menu;
  readonly share: number;
  readonly channel: Channel;
  /** Filled when the staff is built: one desk per handler plus self-service kiosks. */
  workstations: string[];
}

const DMV_MENU: Menu = [
  ['TRANSFER', 22], ['REG_NEW', 9], ['MORTGAGE', 9], ['INSPECTION_LABEL', 8], ['DL_RENEW', 10], ['DL_APPLY', 6],
  ['TRANSFER_OUT', 4], ['CHANGE', 5], ['MORTGAGE_RELEASE', 5], ['DEREGISTER', 3], ['PLATE_REPLACE', 3],
  ['CERT_REPLACE', 2], ['DL_REPLACE', 4], ['DL_REINSTATE', 2], ['EXAM_BOOK', 4], ['SEIZE', 1.5], ['UNSEIZE', 1.5],
];
const BRANCH_MENU: Menu = DMV_MENU.filter(([t]) => t !== 'SEIZE' && t !== 'UNSEIZE');
const DEALER_MENU: Menu = [['REG_NEW', 70], ['MORTGAGE', 25], ['INSPECTION_LABEL', 5]];
const POSTAL_MENU: Menu = [
  ['INSPECTION_LABEL', 40], ['DL_RENEW', 35], ['DL_REPLACE', 10], ['PLATE_REPLACE', 5], ['CERT_REPLACE', 5],
  ['MORTGAGE_RELEASE', 5],
];
const INSURANCE_MENU: Menu = [['INSPECTION_LABEL', 75], ['MORTGAGE', 15], ['CHANGE', 10]];
const COURT_MENU: Menu = [['SEIZE', 55], ['UNSEIZE', 45]];
const HOSPITAL_MENU: Menu = [['DL_RENEW', 70], ['DL_APPLY', 15], ['DL_REINSTATE', 15]];
const ONLINE_MENU: Menu = [
  ['EXAM_BOOK', 30], ['INSPECTION_LABEL', 25], ['DL_RENEW', 20], ['MORTGAGE', 8], ['MORTGAGE_RELEASE', 10],
  ['DL_REPLACE', 7],
];

function weekdays(range: string, extra: Hours = {}): Hours {
  return { mon: range, tue: range, wed: range, thu: range, fri: range, ...extra };
}

const ALL_DAY: Hours = { ...weekdays('00:00-24:00'), sat: '00:00-24:00', sun: '00:00-24:00' };
const SAT_MORNING = { sat: '09:00-12:00' };

type Def = [code: string, name: string, kind: StationKind, lat: number, lon: number, hours: Hours, share: number];

const DEFS: readonly Def[] = [
  ['330100-DMV-01', '杭州市公安局交通警察支队车辆管理所', 'DMV', 30.318, 120.142, weekdays('08:30-17:30', SAT_MORNING), 0.28],
  ['330106-BRANCH-01', '西湖车管分所', 'BRANCH', 30.286, 120.072, weekdays('09:00-17:00', SAT_MORNING), 0.07],
  ['330108-BRANCH-01', '滨江车管分所', 'BRANCH', 30.208, 120.211, weekdays('09:00-17:00'), 0.07],
  ['330109-BRANCH-01', '萧山车管分所', 'BRANCH', 30.165, 120.264, weekdays('08:30-17:00', SAT_MORNING), 0.07],
  ['330110-BRANCH-01', '余杭车管分所', 'BRANCH', 30.419, 120.3, weekdays('09:00-17:00'), 0.07],
  ['330100-DEALER-01', '和瑞大众4S店登记服务站', 'DEALER', 30.332, 120.113, weekdays('09:00-18:00', { sat: '09:00-18:00' }), 0.025],
  ['330100-DEALER-02', '诚远丰田4S店登记服务站', 'DEALER', 30.241, 120.183, weekdays('09:00-18:00', { sat: '09:00-18:00', sun: '10:00-16:00' }), 0.025],
  ['330100-DEALER-03', '锦程本田4S店登记服务站', 'DEALER', 30.196, 120.245, weekdays('09:00-18:00', { sat: '09:00-18:00' }), 0.025],
  ['330100-DEALER-04', '新峰比亚迪登记服务站', 'DEALER', 30.395, 120.288, weekdays('09:00-18:00', { sat: '09:00-18:00' }), 0.025],
  ['330100-DEALER-05', '博远宝马4S店登记服务站', 'DEALER', 30.286, 120.236, weekdays('09:00-18:00'), 0.025],
  ['330100-POSTAL-01', '邮政武林支局车驾管代办点', 'POSTAL', 30.264, 120.165, weekdays('08:30-17:00', SAT_MORNING), 0.018],
  ['330100-POSTAL-02', '邮政文新支局车驾管代办点', 'POSTAL', 30.305, 120.118, weekdays('08:30-17:00'), 0.018],
  ['330100-POSTAL-03', '邮政下沙支局车驾管代办点', 'POSTAL', 30.229, 120.247, weekdays('08:30-17:00'), 0.018],
  ['330100-INSURANCE-01', '人保财险车驾管服务点', 'INSURANCE', 30.25, 120.21, weekdays('09:00-17:00'), 0.015],
  ['330100-INSURANCE-02', '平安财险车驾管服务点', 'INSURANCE', 30.278, 120.154, weekdays('09:00-17:00'), 0.015],
  ['330100-COURT-01', '杭州市中级人民法院执行局查控点', 'COURT', 30.273, 120.175, weekdays('09:00-16:30'), 0.01],
  ['330100-HOSPITAL-01', '浙江省人民医院驾驶人体检点', 'HOSPITAL', 30.262, 120.166, weekdays('08:00-11:30', { sat: '08:00-11:30' }), 0.013],
  ['330100-HOSPITAL-02', '杭州市第一人民医院驾驶人体检点', 'HOSPITAL', 30.301, 120.203, weekdays('08:00-11:30'), 0.013],
  ['330100-ONLINE-01', '交管12123互联网服务平台', 'ONLINE', 30.318, 120.142, ALL_DAY, 0.195],
];

const MENUS: Record<StationKind, Menu> = {
  DMV: DMV_MENU, BRANCH: BRANCH_MENU, DEALER: DEALER_MENU, POSTAL: POSTAL_MENU, INSURANCE: INSURANCE_MENU,
  COURT: COURT_MENU, HOSPITAL: HOSPITAL_MENU, ONLINE: ONLINE_MENU,
};

function channelOf(kind: StationKind): Channel {
  if (kind === 'ONLINE') return 'ONLINE';
  return kind === 'DMV' || kind === 'BRANCH' ? 'COUNTER' : 'PARTNER';
}

export function buildStations(): SimStation[] {
  return DEFS.map(([code, name, kind, lat, lon, hours, share]) => ({
    code, name, kind, lat, lon, hours, share, menu: MENUS[kind], channel: channelOf(kind), workstations: [],
  }));
}

/** Great-circle distance in km (R04 compares it with 5 km). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}
