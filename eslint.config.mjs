import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Module boundaries are the architecture (see README "Architecture"): apps depend on libs,
// `domain` depends on nothing, the pure libs (`rating`) on `domain` only and never on a framework.
const frameworkImports = ['@nestjs/*', 'typeorm', 'pg', 'express', 'socket.io', '@aws-sdk/*'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules',
      '**/dist',
      '**/.data',
      '**/tmp',
      '**/coverage',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            {
              sourceTag: 'layer:domain',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: frameworkImports,
            },
            {
              sourceTag: 'layer:pure',
              onlyDependOnLibsWithTags: ['layer:domain'],
              bannedExternalImports: frameworkImports,
            },
            {
              sourceTag: 'layer:client',
              onlyDependOnLibsWithTags: ['layer:domain'],
              bannedExternalImports: ['@nestjs/*', 'typeorm', 'pg', 'express'],
            },
          ],
        },
      ],
    },
  },
);
