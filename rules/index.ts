/** The engine's public surface: pure TypeScript, no DOM, no extension API. */
export { Engine, createEngine } from './engine/check';
export { PackCompileError, type CompileOptions } from './engine/compile';
export { runRuleExamples, type ExampleFailure } from './engine/examples';
export { compiledPackSchema, packFileSchema, ruleSchema, type CompiledPack, type RuleSource } from './engine/schema';
export { isLuhnValid, isValidCnId, isValidSsn } from './engine/detectors';
export * from './engine/types';
