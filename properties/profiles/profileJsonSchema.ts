// The JSON Schema of profile files, generated from the zod schema (fileFormat.ts) with z.toJSONSchema, so the two
// cannot drift: profile.schema.json is this output, and test/properties/profileFiles.test.ts checks the committed
// copy. Regenerate with `npm run schema` (runs this file and scenarios/jsonSchema.ts).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { profileFileSchema } from './fileFormat.ts';

/** Where the committed schema lives. */
export const PROFILE_SCHEMA_PATH = fileURLToPath(new URL('./profile.schema.json', import.meta.url));

/**
 * The profile file JSON Schema (draft 2020-12) as the text committed in properties/profiles/profile.schema.json.
 *
 * @example
 * writeFileSync(PROFILE_SCHEMA_PATH, profileJsonSchemaText());
 */
export function profileJsonSchemaText(): string {
  const schema = z.toJSONSchema(profileFileSchema, { target: 'draft-2020-12', unrepresentable: 'throw' });
  return `${JSON.stringify({ $schema: schema.$schema, title: 'txsim fault profile', ...schema }, null, 2)}\n`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(PROFILE_SCHEMA_PATH, profileJsonSchemaText());
  console.log(`wrote ${PROFILE_SCHEMA_PATH}`);
}
