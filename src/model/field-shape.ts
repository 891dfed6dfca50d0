/**
 * What the rule loader knows of a value's names (src/rules/check-names.ts): a mapping with these fields and no
 * others, a list of such values, a scalar, an element of the model (its export fields and its declared facts), a
 * map from groupBy (`groups`: each key's list), or anything ('any': nothing can be said, so no name is refused).
 */
export type FieldShape =
  | 'any'
  | 'scalar'
  | { fields: Record<string, FieldShape> }
  | { list: FieldShape }
  | { element: string }
  | { groups: FieldShape };
