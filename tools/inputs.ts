/**
 * Input field schemas shared by the tools. Names stay free text (resolved
 * against the facts at run time, see ./resolve.ts) because only the facts
 * know which places and occupations exist; levels are a closed set checked
 * here, so a wrong level never reaches `run`. Parsing is idempotent: the
 * output of a schema parses again to itself (LangChain parses before we do).
 */
import { z } from 'zod';
import { fieldDescriptions } from '../prompts/tools.js';
import { LEVEL_INPUT_WORDS, levelOf } from './resolve.js';

const Name = z.string().trim().min(1).max(60);

/** A region or place name, optional (absent = every region). */
export const OptionalRegionInput = Name.optional().describe(fieldDescriptions.region);

/** A region or place name, required. */
export const RegionInput = Name.describe(fieldDescriptions.regionRequired);

/** An occupation name or alias, optional (absent = every occupation). */
export const OptionalOccupationInput = Name.optional().describe(fieldDescriptions.occupation);

/** An occupation name or alias, required. */
export const OccupationInput = Name.describe(fieldDescriptions.occupation);

/** 初级/中级/高级 or 初/中/高, normalised to the canonical level. */
export const LevelInput = z.enum(LEVEL_INPUT_WORDS).transform(levelOf).describe(fieldDescriptions.level);

/** Same as LevelInput, optional. */
export const OptionalLevelInput = LevelInput.optional();
