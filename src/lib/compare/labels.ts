/** Display names of contract enums that the compare and matrix views show. */
const DOC_TYPE_LABELS: Record<string, string> = {
  terms_of_service: 'Terms of service',
  privacy_policy: 'Privacy policy',
  acceptable_use_policy: 'Acceptable use policy',
  cookie_policy: 'Cookie policy',
  data_processing_agreement: 'Data processing agreement',
  community_guidelines: 'Community guidelines',
  other: 'Other'
};

export function docTypeLabel(docType: string | null): string {
  if (docType === null) return 'Unknown type';
  return DOC_TYPE_LABELS[docType] ?? docType;
}
