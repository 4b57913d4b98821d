/** People data as the API returns it: personal fields always masked unless revealed one at a time. */
import type { PersonalField } from '../../../common/mask.js';

export interface GridRef {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface ResidentItem {
  id: number;
  name: string;
  gender: 'M' | 'F';
  age: number;
  idNumber: string | null;
  phone: string | null;
  health: string | null;
  disability: string | null;
  income: string | null;
  ethnicity: string;
  relation: string;
  tags: string[];
  isPartyMember: boolean;
  householdId: number;
  householdNo: string;
  address: string;
  grid: GridRef;
  updatedAt: string;
}

export interface ResidentDetail extends ResidentItem {
  createdAt: string;
  household: {
    id: number;
    householdNo: string;
    address: string;
    kind: string;
    house: { id: number; unitNo: string; floor: number; roomNo: string; building: { id: number; name: string } | null } | null;
  };
  party: { id: number; type?: string; nameZh: string; nameEn: string } | null;
  abilities: { reveal: boolean; edit: boolean };
}

export interface Paged<T> {
  items: T[];
  total: number;
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}

export interface HouseholdItem {
  id: number;
  householdNo: string;
  address: string;
  kind: string;
  houseId: number | null;
  memberCount: number;
  grid: GridRef;
}

export interface HouseholdDetail {
  id: number;
  householdNo: string;
  address: string;
  kind: string;
  house: { id: number; unitNo: string; floor: number; roomNo: string; areaCenti: number; building: { id: number; code: string; name: string } } | null;
  grid: GridRef;
  members: ResidentItem[];
  abilities: { edit: boolean };
}

export interface BuildingItem {
  id: number;
  code: string;
  name: string;
  address: string;
  lat: number;
  lng: number;
  floors: number;
  unitCount: number;
  kind: string;
  houseCount: number;
  grid: GridRef;
}

export interface BuildingDetail extends Omit<BuildingItem, 'houseCount'> {
  houses: {
    id: number;
    unitNo: string;
    floor: number;
    roomNo: string;
    areaCenti: number;
    use: string;
    households: { id: number; householdNo: string; address: string; kind: string; memberCount: number }[];
  }[];
  abilities: { edit: boolean };
}

export type { PersonalField };
