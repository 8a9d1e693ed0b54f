// The column kinds of the entity schemas (EntitySchema, not decorators: no reflect-metadata at run
// time, and the columns say their types explicitly, which esbuild-based test runs cannot infer
// from decorators). Every table names its columns with these.
export const id = { type: 'varchar', primary: true } as const;
export const text = { type: 'varchar' } as const;
export const optText = { type: 'varchar', nullable: true } as const;
export const int = { type: 'integer' } as const;
export const optInt = { type: 'integer', nullable: true } as const;
export const bool = { type: 'boolean' } as const;
/** A value stored as JSON text (lists, objects). */
export const json = { type: 'simple-json' } as const;
export const stamps = { createdAt: text, updatedAt: text };
