import { checkCharacter, type IdCardText } from './text.ts';

/**
 * A made-up card for tests and demos: the ID number is built from the region code, birth date and
 * sequence given, with a correct check character, and belongs to nobody we know of.
 */
export function sampleCard(o: Partial<IdCardText> & { region?: string; seq?: string } = {}): IdCardText {
  const birth = o.birth ?? '19900307';
  const first17 = `${o.region ?? '110105'}${birth}${o.seq ?? '123'}`;
  return {
    name: o.name ?? '张三', sex: o.sex ?? '1', nation: o.nation ?? '01', birth,
    address: o.address ?? '北京市朝阳区示例路1号院2号楼3单元401号', idNumber: o.idNumber ?? `${first17}${checkCharacter(first17)}`,
    issuer: o.issuer ?? '北京市公安局朝阳分局', validFrom: o.validFrom ?? '20150601', validTo: o.validTo ?? '20350601',
  };
}
