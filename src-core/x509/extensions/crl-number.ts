/** cRLNumber and deltaCRLIndicator (RFC 5280 §5.2.3, §5.2.4): a CRL's number, and a delta's base. */
import { expectTag, readWhole, universalTags } from '../../asn1/der';
import { integerValue, readInteger, type IntegerValue } from './common';
import { node, type ExtensionSpec } from './nodes';

/** An INTEGER that is the whole value: cRLNumber, and deltaCRLIndicator (the base CRL's number). */
function integerExtension(key: string, label: string): ExtensionSpec<IntegerValue> {
  return {
    read: (value) => readInteger(value, expectTag(readWhole(value, label), universalTags.integer, label, 0)),
    nodes: (number) => [node(key, label, integerValue(number))],
  };
}

export const crlNumber = integerExtension('cRLNumber', 'CRL number');
export const deltaCrlIndicator = integerExtension('baseCRLNumber', 'Updates the CRL numbered');
