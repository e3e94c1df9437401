/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest'] },
  transformIgnorePatterns: ['/node_modules/(?!(@mikro-orm|@marcbachmann|jose|kysely|uuid|canonicalize)/)'],
  moduleNameMapper: { '^@azure/functions-core$': '<rootDir>/devhost/functionsCore.ts' },
  setupFiles: ['<rootDir>/test/support/env.ts'],
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/totalsReporter.js'],
};
