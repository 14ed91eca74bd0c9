import type { ApiBody } from '@nestjs/swagger';
import { z } from 'zod';

// @nestjs/swagger does not export its SchemaObject type; take it from ApiBody's options.
type OpenApiSchemaObject = Extract<Parameters<typeof ApiBody>[0], { schema: unknown }>['schema'];

/** The OpenAPI document describes request bodies with the same zod schemas that validate them. */
export function openApiSchema(schema: z.ZodType): OpenApiSchemaObject {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json['$schema'];
  return json as OpenApiSchemaObject;
}
