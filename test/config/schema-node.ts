// The parts of a valibot schema that the config tests walk: its type and the schemas it holds.
export interface SchemaNode {
  kind: string;
  type: string;
  pipe?: SchemaNode[];
  wrapped?: SchemaNode;
  default?: unknown;
  entries?: Record<string, SchemaNode>;
  rest?: SchemaNode;
  item?: SchemaNode;
  key?: SchemaNode;
  value?: SchemaNode;
  options?: SchemaNode[];
}
