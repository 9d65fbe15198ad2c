/**
 * The exact-fact tools, listed one by one, and `allTools` for the engine and
 * the LangChain wrapper. Each tool is pure over the facts table and an
 * injected `now`; call them through `invokeTool` so input is validated first.
 */
import type { z } from 'zod';
import type { ToolDefinition } from './define-tool.js';
import { compareQuantities } from './compare-quantities.js';
import { totalCost } from './total-cost.js';
import { costPerHour } from './cost-per-hour.js';
import { windowStatus } from './window-status.js';
import { contactsLookup } from './contacts-lookup.js';
import { deadlineStatus } from './deadline-status.js';
import { eligibilityCheck } from './eligibility-check.js';
import { feeLookup } from './fee-lookup.js';
import { hoursLookup } from './hours-lookup.js';
import { institutionsLookup } from './institutions-lookup.js';
import { netCost } from './net-cost.js';
import { occupationsLookup } from './occupations-lookup.js';
import { refundPolicy } from './refund-policy.js';
import { rulesByTopic } from './rules-by-topic.js';
import { subsidyLookup } from './subsidy-lookup.js';
import { titleRecognition } from './title-recognition.js';

export { defineTool, invokeTool, ok, fail } from './define-tool.js';
export type { ToolDefinition, ToolContext, ToolError, ToolResult } from './define-tool.js';
export { FactsTable } from './facts-table.js';
export { feeLookup, FeeLookupInput } from './fee-lookup.js';
export type { FeeItem, FeeLookupValue } from './fee-lookup.js';
export { subsidyLookup, SubsidyLookupInput } from './subsidy-lookup.js';
export type { SubsidyItem, SubsidyLookupValue } from './subsidy-lookup.js';
export { netCost, NetCostInput } from './net-cost.js';
export type { NetCostValue } from './net-cost.js';
export { compareQuantities, CompareQuantitiesInput, quantityOf } from './compare-quantities.js';
export { totalCost, TotalCostInput } from './total-cost.js';
export type { TotalCostValue, TotalCostItem } from './total-cost.js';
export { costPerHour, CostPerHourInput } from './cost-per-hour.js';
export type { CostPerHourValue } from './cost-per-hour.js';
export type { CompareQuantitiesValue, Quantity } from './compare-quantities.js';
export { windowStatus, WindowStatusInput, windowRules } from './window-status.js';
export type { WindowStatusValue } from './window-status.js';
export { hoursLookup, HoursLookupInput } from './hours-lookup.js';
export type { HoursItem, HoursLookupValue } from './hours-lookup.js';
export { deadlineStatus, deadlineState, DeadlineStatusInput } from './deadline-status.js';
export type { DeadlineItem, DeadlineState, DeadlineStatusValue } from './deadline-status.js';
export { eligibilityCheck, EligibilityCheckInput, ProfileSchema, EducationSchema, DegreeSchema } from './eligibility-check.js';
export type { ClauseRef, EligibilityDecision, EligibilityValue, Profile, ProfileField } from './eligibility-check.js';
export { titleRecognition, TitleRecognitionInput } from './title-recognition.js';
export type { TitleItem, TitleRecognitionValue } from './title-recognition.js';
export { contactsLookup, ContactsLookupInput } from './contacts-lookup.js';
export type { ContactItem, ContactsLookupValue } from './contacts-lookup.js';
export { occupationsLookup, OccupationsLookupInput } from './occupations-lookup.js';
export type { OccupationItem, OccupationsLookupValue } from './occupations-lookup.js';
export { institutionsLookup, InstitutionsLookupInput } from './institutions-lookup.js';
export type { InstitutionItem, InstitutionsLookupValue } from './institutions-lookup.js';
export { refundPolicy, RefundPolicyInput } from './refund-policy.js';
export type { RefundConflict, RefundPolicyValue } from './refund-policy.js';
export { rulesByTopic, RulesByTopicInput } from './rules-by-topic.js';
export type { RulesByTopicValue } from './rules-by-topic.js';
export type { RuleWithSource } from './rule-item.js';
export { normalizeLevel, resolveDistrict, resolveOccupation, resolveRegionScope } from './resolve.js';
export { beijingDate, daysBetween } from './beijing-date.js';

/** Any tool, whatever its input and value types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTool = ToolDefinition<z.ZodType<any, any>, unknown>;

/** Every tool, in the order an LLM should consider them. */
export const allTools: readonly AnyTool[] = [
  feeLookup,
  subsidyLookup,
  netCost,
  compareQuantities,
  totalCost,
  costPerHour,
  hoursLookup,
  deadlineStatus,
  windowStatus,
  eligibilityCheck,
  titleRecognition,
  contactsLookup,
  occupationsLookup,
  institutionsLookup,
  refundPolicy,
  rulesByTopic,
];
