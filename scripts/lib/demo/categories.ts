/**
 * The demo export's categories and what a clause of each says, at three levels of severity. Templates have slots
 * (`{name}`, `{days}`, `{venue}`, …) filled per provision by `clauses.ts`. All wording is invented for the demo.
 */
import type { DocType } from '../../../src/lib/contract/schema';
import type { Sector } from './platforms';

/** Low covers info and low, high covers high and critical. */
export type Tier = 'low' | 'medium' | 'high';
/** Privacy categories are overseen by data-protection authorities, the others by consumer authorities. */
export type Oversight = 'privacy' | 'consumer';

export interface DemoCategory {
  id: string;
  name: string;
  group: string;
  description: string;
  oversight: Oversight;
  /** Documents such clauses appear in, most likely first. */
  docTypes: DocType[];
  /** Relative frequency; sectors listed get this multiplier. */
  weight: number;
  sectorWeight?: Partial<Record<Sector, number>>;
  /** Typical severity, 0 = info … 4 = critical; sectors listed shift it. */
  base: number;
  sectorShift?: Partial<Record<Sector, number>>;
  /** Most such clauses first appear on or after this day. */
  mostlySince?: string;
  /** Severity tends to rise (+) or fall (−) at each change. */
  drift: number;
  titles: string[];
  clauses: Record<Tier, string[]>;
  /** Appended at critical. */
  aggravating: string[];
  /** Appended at info. */
  mitigating: string[];
  /** Sentences a later version may add. */
  amendments: string[];
  summaries: Record<Tier, string>;
  impacts: Record<Tier, string>;
  actions: string[];
  /** Regulations by region: EU, US, GB; `any` applies everywhere. */
  regulations: { EU: string[]; US: string[]; GB: string[]; any?: string[] };
}

export const CATEGORIES: readonly DemoCategory[] = [
  {
    id: 'ai_training_data',
    name: 'Training data use of user inputs and outputs',
    group: 'AI & automation',
    description: 'Whether prompts, uploads, conversations and generated outputs may be used to train or improve models.',
    oversight: 'privacy',
    docTypes: ['privacy_policy', 'terms_of_service', 'acceptable_use_policy', 'data_processing_agreement'],
    weight: 0.8,
    sectorWeight: { 'Generative AI': 3, 'Social media': 1.4, 'Cloud/SaaS': 1.3 },
    base: 2,
    sectorShift: { 'Generative AI': 1, Health: 1 },
    mostlySince: '2023-01-01',
    drift: 0.35,
    titles: ['Use of your content to train AI models', 'Model training on user inputs', 'Training on prompts and outputs', 'AI improvement programme'],
    clauses: {
      low: [
        '{name} does not use your prompts, files or outputs to train its models unless you explicitly opt in. De-identified usage statistics may be used to improve service reliability.',
        'We may use aggregated and de-identified information about how features are used to improve {name}. We do not train generative models on the content of your conversations.'
      ],
      medium: [
        'We may use Content you submit to {name}, including prompts and uploaded files, to develop and improve our services and models. You can object at any time using {optout}.',
        'Inputs and outputs may be reviewed by trained reviewers and used to improve model quality for {months} months. Business accounts are excluded by default; consumer accounts can opt out via {optout}.'
      ],
      high: [
        'By using {name} you grant us the right to use your inputs, outputs, uploaded files and feedback to train, evaluate and improve our models and those of our affiliates. Opting out through {optout} applies only to future Content.',
        'Content, including prompts, voice recordings, images and generated outputs, may be used to train artificial intelligence models operated by {name} and its {partners}. Content already used for training cannot be removed from trained models.'
      ]
    },
    aggravating: ['This applies to Content submitted before this policy took effect.', 'There is no way to opt out for free accounts.', 'Human reviewers may read conversations, including those marked private.'],
    mitigating: ['Enterprise and education workspaces are never used for training.', 'Training use is off by default.'],
    amendments: ['Training may also cover images and audio you upload.', 'We retain training copies for up to {years} years.', 'Opt-out requests are processed within {days} days.'],
    summaries: {
      low: 'User content is not used to train models without opt-in.',
      medium: 'Prompts and files may be used to improve models; an opt-out exists.',
      high: 'Inputs and outputs are used to train models, also for affiliates; opting out only covers future content.'
    },
    impacts: {
      low: 'Little exposure: only de-identified statistics are used.',
      medium: 'What you type or upload may end up in training data unless you opt out.',
      high: 'Anything you submit may be used to train models and cannot be withdrawn later.'
    },
    actions: ['Turn off model training in the privacy settings', 'Do not enter confidential or personal information', 'Use a business account with training disabled', 'Submit an objection under GDPR Art. 21'],
    regulations: { EU: ['GDPR Art. 6', 'GDPR Art. 21', 'EU AI Act Art. 53'], US: ['FTC Act §5', 'CCPA §1798.100'], GB: ['UK GDPR Art. 6'] }
  },
  {
    id: 'automated_decisions',
    name: 'Automated decision-making',
    group: 'AI & automation',
    description: 'Decisions about users taken by automated systems (suspensions, credit, pricing) and the right to human review.',
    oversight: 'privacy',
    docTypes: ['terms_of_service', 'privacy_policy', 'community_guidelines', 'acceptable_use_policy'],
    weight: 0.7,
    sectorWeight: { Fintech: 2, 'Social media': 1.5, Marketplace: 1.3 },
    base: 2,
    sectorShift: { Fintech: 1 },
    drift: 0.1,
    titles: ['Automated account decisions', 'Automated moderation and enforcement', 'Profiling and automated decisions', 'Algorithmic eligibility checks'],
    clauses: {
      low: [
        '{name} uses automated tools to flag possible violations; every enforcement decision is confirmed by a person before it takes effect.',
        'We use automated systems to rank and recommend content. You can switch to a chronological feed in Settings.'
      ],
      medium: [
        'We use automated systems to detect fraud and violations of these Terms and may restrict features automatically. You can request human review within {days} days.',
        'Eligibility for some features is assessed automatically based on your activity, device and payment history. You may contest a decision by contacting support.'
      ],
      high: [
        '{name} may suspend or terminate accounts, withhold payouts or decline transactions based solely on automated processing, without prior notice or human review.',
        'We use automated profiling to decide on credit limits, prices and access to services. Decisions are final and reasons are not disclosed.'
      ]
    },
    aggravating: ['Appeals are also decided by automated systems.', 'Funds may be held for up to {days} days while an automated review is pending.'],
    mitigating: ['A human moderator reviews every appeal.'],
    amendments: ['Decisions may take into account information from {partners}.', 'Appeals must be filed within {notice} days.'],
    summaries: {
      low: 'Automated tools only flag; people decide.',
      medium: 'Automated restrictions with a route to human review.',
      high: 'Decisions with legal or financial effect are taken solely by automated systems, without review.'
    },
    impacts: {
      low: 'Automated errors are caught before they affect you.',
      medium: 'An automated mistake can restrict your account until a person reviews it.',
      high: 'You may lose access or money because of an automated decision you cannot contest.'
    },
    actions: ['Request human review of the decision', 'Ask for an explanation under GDPR Art. 22', 'Keep records of account activity'],
    regulations: { EU: ['GDPR Art. 22', 'DSA Art. 20', 'EU AI Act Art. 26'], US: ['FCRA §615', 'FTC Act §5'], GB: ['UK GDPR Art. 22'] }
  },
  {
    id: 'data_sharing',
    name: 'Data sharing with third parties',
    group: 'Data & privacy',
    description: 'Disclosure of personal data to advertisers, partners, affiliates and data brokers.',
    oversight: 'privacy',
    docTypes: ['privacy_policy', 'cookie_policy', 'data_processing_agreement'],
    weight: 1.6,
    base: 2,
    sectorShift: { 'Social media': 1, News: 1, Health: 1 },
    drift: 0.05,
    titles: ['Sharing with advertising partners', 'Disclosure to affiliates', 'Sale or sharing of personal information', 'Third-party service providers'],
    clauses: {
      low: [
        'We share personal data only with service providers that process it on our behalf under written contracts, such as hosting and payment providers.',
        '{name} does not sell personal information. Service providers receive only what they need to deliver the service.'
      ],
      medium: [
        'We share information with {partners} and service providers, including device identifiers and usage data, to measure and improve our services.',
        'We may disclose personal data to our affiliates and to {partners}. You can limit sharing for advertising via {optout}.'
      ],
      high: [
        'We may share, sell or otherwise make available your personal information, including contact details, purchase history and inferred interests, to {partners} and data brokers.',
        'Information about you, including precise device data and browsing activity, is shared with {partners}, who may combine it with data from other sources for their own purposes.'
      ]
    },
    aggravating: ['Shared data may include health or financial information.', 'Recipients are not bound to delete the data when you close your account.'],
    mitigating: ['Data shared with processors is encrypted and pseudonymised.'],
    amendments: ['Recipients may be located outside your country, including in {country}.', 'A list of recipients is available on request.'],
    summaries: {
      low: 'Data goes only to processors acting for the platform.',
      medium: 'Data is shared with partners for measurement and advertising; limited opt-out.',
      high: 'Personal data is sold or shared with data brokers and partners for their own purposes.'
    },
    impacts: {
      low: 'Your data stays within the service chain.',
      medium: 'Partners learn about your use of the service.',
      high: 'Your profile can travel to companies you have never dealt with.'
    },
    actions: ['Use the "Do Not Sell or Share My Personal Information" link', 'Limit ad personalisation in settings', 'Request a list of recipients', 'Object to processing for marketing'],
    regulations: { EU: ['GDPR Art. 6', 'GDPR Art. 28', 'GDPR Art. 44'], US: ['CCPA §1798.120', 'CCPA §1798.115'], GB: ['UK GDPR Art. 6'] }
  },
  {
    id: 'data_retention',
    name: 'Data retention',
    group: 'Data & privacy',
    description: 'How long personal data and content are kept, including after account deletion.',
    oversight: 'privacy',
    docTypes: ['privacy_policy', 'data_processing_agreement', 'terms_of_service'],
    weight: 1.3,
    base: 2,
    drift: 0.05,
    titles: ['Retention after account deletion', 'How long we keep your data', 'Retention of logs and backups', 'Storage periods'],
    clauses: {
      low: [
        'We delete your personal data within {days} days after you close your account, except where the law requires us to keep it.',
        'Content you delete is removed from our systems within {days} days and from backups within {months} months.'
      ],
      medium: [
        'We keep your information for as long as your account is active and for {months} months afterwards, and logs for up to {years} years.',
        'Deleted content may remain in backups for up to {months} months. Transaction records are kept for {years} years.'
      ],
      high: [
        'We may retain your information for as long as necessary for our business purposes, including after you delete your account.',
        'Content you delete may continue to be stored and used in de-identified or aggregated form indefinitely.'
      ]
    },
    aggravating: ['Retained data may still be shared with {partners}.', 'Copies kept by partners are outside our deletion process.'],
    mitigating: ['You can download and delete your data at any time in Settings.'],
    amendments: ['Security logs are kept for {years} years.', 'Retention periods are reviewed every {months} months.'],
    summaries: {
      low: 'Data is deleted within a short, stated period.',
      medium: 'Data is kept for a stated period after the account ends.',
      high: 'No clear limit: data may be kept indefinitely.'
    },
    impacts: {
      low: 'Closing your account really removes your data.',
      medium: 'Your data outlives your account for months or years.',
      high: 'Deleting your account does not remove your data.'
    },
    actions: ['Delete content before closing the account', 'Submit an erasure request', 'Download a copy of your data first'],
    regulations: { EU: ['GDPR Art. 5(1)(e)', 'GDPR Art. 17'], US: ['CCPA §1798.105'], GB: ['UK GDPR Art. 17'] }
  },
  {
    id: 'biometric_data',
    name: 'Biometric data',
    group: 'Data & privacy',
    description: 'Collection and use of face, voice, fingerprint or other biometric identifiers.',
    oversight: 'privacy',
    docTypes: ['privacy_policy', 'terms_of_service'],
    weight: 0.35,
    sectorWeight: { 'Social media': 2, Fintech: 2, Health: 2, Travel: 1.5 },
    base: 3,
    drift: 0.1,
    titles: ['Collection of biometric identifiers', 'Face and voice recognition', 'Identity verification with biometrics'],
    clauses: {
      low: ['Biometric identity checks happen on your device; {name} receives only a yes/no result and never stores {biometric}.'],
      medium: [
        'To verify your identity we collect {biometric} through our verification partner. Templates are deleted within {days} days.',
        'Voice features create a voice model from your recordings. You can delete it at any time in Settings.'
      ],
      high: [
        'We collect and store {biometric} from photos and videos you upload to power features such as tagging and safety checks, and keep them while your account exists.',
        'By using {name} you consent to the collection of {biometric}, which we may share with {partners} for fraud prevention.'
      ]
    },
    aggravating: ['Biometric data of people appearing in your uploads may also be processed.'],
    mitigating: ['Biometric features are optional and off by default.'],
    amendments: ['Templates may be used to improve recognition models.'],
    summaries: {
      low: 'Biometric checks stay on the device.',
      medium: 'Biometric data collected for verification with a deletion period.',
      high: 'Biometric identifiers are collected broadly and kept or shared.'
    },
    impacts: {
      low: 'No biometric data leaves your device.',
      medium: 'A partner holds your biometric data for a period.',
      high: 'Your face or voice becomes a permanent identifier held by the company.'
    },
    actions: ['Decline optional face or voice features', 'Request deletion of biometric templates'],
    regulations: { EU: ['GDPR Art. 9'], US: ['BIPA 740 ILCS 14/15', 'CUBI Tex. Bus. & Com. Code §503.001'], GB: ['UK GDPR Art. 9'] }
  },
  {
    id: 'location_tracking',
    name: 'Location tracking',
    group: 'Data & privacy',
    description: 'Collection of precise or approximate location, including in the background.',
    oversight: 'privacy',
    docTypes: ['privacy_policy', 'cookie_policy'],
    weight: 0.7,
    sectorWeight: { Travel: 2.5, 'Social media': 1.5, Health: 1.4, Marketplace: 1.2 },
    base: 2,
    drift: 0.05,
    titles: ['Precise location collection', 'Background location', 'Location history'],
    clauses: {
      low: ['We infer an approximate location from your IP address to show content in your language and region.'],
      medium: [
        'With your permission we collect precise location while you use the app, to show nearby results. You can turn it off in your device settings.',
        'Location history is stored for {months} months to improve recommendations.'
      ],
      high: [
        'We collect precise location, including in the background when the app is closed, and share location data with {partners}.',
        'Location data collected through our SDK in partner apps is combined with your {name} profile.'
      ]
    },
    aggravating: ['Location data is kept for {years} years.'],
    mitigating: ['Location is never stored on our servers.'],
    amendments: ['Wi-Fi and Bluetooth signals may be used to estimate location.'],
    summaries: {
      low: 'Only coarse location from the IP address.',
      medium: 'Precise location while in use, with permission.',
      high: 'Background precise location, shared with partners.'
    },
    impacts: {
      low: 'Minimal location exposure.',
      medium: 'Your movements while using the app are recorded.',
      high: 'A detailed record of where you go is built and shared.'
    },
    actions: ['Allow location only while using the app', 'Turn off location history', 'Reset your advertising identifier'],
    regulations: { EU: ['GDPR Art. 6', 'ePrivacy Directive Art. 9'], US: ['CCPA §1798.121', 'FTC Act §5'], GB: ['PECR reg. 14'] }
  },
  {
    id: 'childrens_data',
    name: "Children's data",
    group: 'Data & privacy',
    description: 'Minimum age, parental consent and the handling of minors’ data.',
    oversight: 'privacy',
    docTypes: ['privacy_policy', 'terms_of_service', 'community_guidelines'],
    weight: 0.5,
    sectorWeight: { Gaming: 2.5, 'Social media': 2, Streaming: 1.5 },
    base: 2,
    drift: -0.05,
    titles: ["Children's privacy", 'Minimum age and parental consent', 'Accounts of minors'],
    clauses: {
      low: ['{name} is not directed at children under {age}. We delete any account we learn belongs to a child under {age}.'],
      medium: [
        'Users aged {age} to 17 may use {name} with parental consent. We limit personalised advertising for known minors.',
        'Teen accounts are private by default; parents can request access to their child’s data.'
      ],
      high: [
        'We do not verify age. Information from users under {age} may be collected and used for personalised advertising until we become aware of it.',
        'Minors’ activity may be used for profiling and shared with {partners} in the same way as adults’ data.'
      ]
    },
    aggravating: ['Data collected from children is not deleted on request.'],
    mitigating: ['Age assurance is performed before any data is collected.'],
    amendments: ['Parents can manage consent through a family dashboard.'],
    summaries: {
      low: 'Not for children; accounts of children are deleted.',
      medium: 'Teens allowed with safeguards and parental consent.',
      high: 'No age checks; minors are profiled like adults.'
    },
    impacts: {
      low: 'Children are kept out.',
      medium: 'Teens can use the service with limits.',
      high: 'Children’s data may be profiled and shared.'
    },
    actions: ['Use parental controls', 'Ask for deletion of a child’s account'],
    regulations: { EU: ['GDPR Art. 8', 'DSA Art. 28'], US: ['COPPA 16 CFR 312.5'], GB: ['UK Age Appropriate Design Code', 'UK GDPR Art. 8'] }
  },
  {
    id: 'cookie_tracking',
    name: 'Cookie and cross-site tracking',
    group: 'Data & privacy',
    description: 'Cookies, pixels and SDKs that track users across sites and apps.',
    oversight: 'privacy',
    docTypes: ['cookie_policy', 'privacy_policy'],
    weight: 1.0,
    sectorWeight: { News: 2, Marketplace: 1.4, Streaming: 1.2 },
    base: 2,
    drift: 0,
    titles: ['Advertising cookies', 'Tracking pixels and SDKs', 'Cross-site tracking'],
    clauses: {
      low: ['We use only cookies that are strictly necessary to run {name}. No advertising cookies are set.'],
      medium: [
        'We and {partners} use cookies and similar technologies for analytics and advertising, with your consent. You can change your choices in the cookie settings.',
        'Analytics cookies expire after {months} months; you can reject non-essential cookies at any time.'
      ],
      high: [
        'Advertising partners may place cookies, pixels and SDKs to track your activity across websites and apps and to build interest profiles.',
        'By continuing to use {name} you agree to the use of tracking technologies by us and {partners}.'
      ]
    },
    aggravating: ['Browser “Do Not Track” signals are ignored.'],
    mitigating: ['Global Privacy Control signals are honoured.'],
    amendments: ['Cookie lifetimes have been extended to {months} months.'],
    summaries: {
      low: 'Only essential cookies.',
      medium: 'Analytics and advertising cookies with consent.',
      high: 'Cross-site tracking by partners, consent implied by use.'
    },
    impacts: {
      low: 'You are not tracked across sites.',
      medium: 'Your visits are measured and used for ads if you agree.',
      high: 'You are followed across the web.'
    },
    actions: ['Reject non-essential cookies', 'Enable Global Privacy Control in your browser', 'Block third-party cookies'],
    regulations: { EU: ['ePrivacy Directive Art. 5(3)', 'GDPR Art. 7'], US: ['CCPA §1798.135'], GB: ['PECR reg. 6'] }
  },
  {
    id: 'mandatory_arbitration',
    name: 'Mandatory arbitration',
    group: 'Disputes & liability',
    description: 'Disputes must be resolved by binding arbitration instead of in court.',
    oversight: 'consumer',
    docTypes: ['terms_of_service', 'other'],
    weight: 0.9,
    base: 3,
    drift: 0,
    titles: ['Binding arbitration', 'Arbitration agreement', 'Dispute resolution by arbitration'],
    clauses: {
      low: ['You may bring claims in the courts of your place of residence. Optional mediation is available through {arbitrator}.'],
      medium: [
        'Disputes will be resolved by binding individual arbitration administered by {arbitrator}. You may opt out within {days} days of accepting these Terms by writing to legal@{domain}.',
        'Any dispute shall be settled by arbitration under the rules of {arbitrator}; small-claims court remains available.'
      ],
      high: [
        'YOU AND {NAME} AGREE THAT ALL DISPUTES WILL BE RESOLVED EXCLUSIVELY BY FINAL AND BINDING ARBITRATION ADMINISTERED BY {ARBITRATOR}, AND YOU WAIVE YOUR RIGHT TO A JURY TRIAL.',
        'All claims must be brought in binding arbitration seated in {venue}. The arbitrator’s decision is final and may not be appealed.'
      ]
    },
    aggravating: ['You must pay your own arbitration fees.', 'There is no opt-out.'],
    mitigating: ['We pay all arbitration fees for claims under USD 10,000.'],
    amendments: ['Mass arbitration claims will be batched.', 'An informal dispute process of {days} days must come first.'],
    summaries: {
      low: 'Courts remain available; arbitration optional.',
      medium: 'Individual arbitration with an opt-out window.',
      high: 'Binding arbitration without opt-out; jury trial waived.'
    },
    impacts: {
      low: 'You keep your right to go to court.',
      medium: 'You lose access to court unless you opt out in time.',
      high: 'You cannot take the company to court.'
    },
    actions: ['Send an arbitration opt-out notice in time', 'Keep proof of the opt-out'],
    regulations: { EU: ['Unfair Contract Terms Directive 93/13/EEC Annex 1(q)'], US: ['Federal Arbitration Act 9 U.S.C. §2'], GB: ['CRA 2015 s. 62'] }
  },
  {
    id: 'class_action_waiver',
    name: 'Class-action waiver',
    group: 'Disputes & liability',
    description: 'Users give up the right to join class or collective actions.',
    oversight: 'consumer',
    docTypes: ['terms_of_service'],
    weight: 0.7,
    base: 3,
    drift: 0,
    titles: ['Class action waiver', 'No class or representative proceedings'],
    clauses: {
      low: ['Nothing in these Terms limits your right to take part in collective redress available under the laws of {country}.'],
      medium: ['You may bring claims only in your individual capacity, unless the law of your country of residence provides otherwise.'],
      high: [
        'YOU MAY BRING CLAIMS AGAINST {NAME} ONLY IN YOUR INDIVIDUAL CAPACITY, AND NOT AS A PLAINTIFF OR CLASS MEMBER IN ANY PURPORTED CLASS OR REPRESENTATIVE PROCEEDING.',
        'You waive any right to participate in a class action, collective action or representative proceeding against {name}.'
      ]
    },
    aggravating: ['The waiver survives termination of your account.'],
    mitigating: ['The waiver does not apply to consumers in the EU and UK.'],
    amendments: ['If the waiver is found unenforceable, the dispute must proceed in court in {venue}.'],
    summaries: {
      low: 'Collective redress preserved.',
      medium: 'Individual claims only, subject to local law.',
      high: 'Class and representative actions waived.'
    },
    impacts: {
      low: 'You can join others in a claim.',
      medium: 'Group claims may be blocked.',
      high: 'Small harms affecting many users become impractical to pursue.'
    },
    actions: ['Check whether local consumer law overrides the waiver'],
    regulations: { EU: ['Representative Actions Directive 2020/1828'], US: ['Federal Arbitration Act 9 U.S.C. §2'], GB: ['CRA 2015 s. 62'] }
  },
  {
    id: 'liability_limitation',
    name: 'Limitation of liability',
    group: 'Disputes & liability',
    description: 'Caps on and exclusions of the platform’s liability to users.',
    oversight: 'consumer',
    docTypes: ['terms_of_service'],
    weight: 1.0,
    base: 2,
    drift: 0.05,
    titles: ['Limitation of liability', 'Disclaimer of warranties and liability cap'],
    clauses: {
      low: ['{name} is liable for damage caused by its negligence as provided by the laws of {country}; nothing in these Terms limits statutory rights.'],
      medium: [
        'To the extent permitted by law, our total liability is limited to {cap}. This does not affect liability for death, personal injury or fraud.',
        'We are not liable for indirect or consequential losses; our liability for direct losses is capped at {cap}.'
      ],
      high: [
        'TO THE MAXIMUM EXTENT PERMITTED BY LAW, {NAME} WILL NOT BE LIABLE FOR ANY DAMAGES WHATSOEVER, AND OUR TOTAL LIABILITY SHALL NOT EXCEED {CAP}.',
        'The service is provided “as is”. We disclaim all liability for data loss, security incidents and outputs generated by the service.'
      ]
    },
    aggravating: ['The cap also applies to data breaches caused by us.'],
    mitigating: ['Statutory consumer rights remain unaffected.'],
    amendments: ['Claims must be brought within {months} months.'],
    summaries: {
      low: 'Liability as under statutory law.',
      medium: 'Liability capped, core statutory exceptions kept.',
      high: 'Near-total exclusion of liability.'
    },
    impacts: {
      low: 'You can recover losses the company causes.',
      medium: 'Compensation is limited.',
      high: 'You may recover little or nothing even for serious failures.'
    },
    actions: ['Keep evidence of losses', 'Check statutory rights that cannot be excluded'],
    regulations: { EU: ['Unfair Contract Terms Directive 93/13/EEC Annex 1(b)'], US: ['UCC §2-719'], GB: ['CRA 2015 s. 65'] }
  },
  {
    id: 'governing_law',
    name: 'Governing law and venue',
    group: 'Disputes & liability',
    description: 'Which law applies and where disputes are heard.',
    oversight: 'consumer',
    docTypes: ['terms_of_service', 'other'],
    weight: 0.9,
    base: 1,
    drift: 0,
    titles: ['Governing law', 'Choice of law and forum', 'Jurisdiction and venue'],
    clauses: {
      low: ['These Terms are governed by the law of your country of residence, and you may bring proceedings in your local courts.'],
      medium: ['These Terms are governed by {law}. Consumers keep the protection of mandatory rules of their country of residence.'],
      high: ['These Terms are governed by {law}, and you submit to the exclusive jurisdiction of the courts located in {venue}.']
    },
    aggravating: ['You waive any objection to venue or inconvenient forum.'],
    mitigating: ['You may always sue in your home courts.'],
    amendments: ['Claims must be filed in English.'],
    summaries: {
      low: 'Local law and courts.',
      medium: 'Foreign law, mandatory local protections kept.',
      high: 'Foreign law and exclusive foreign courts.'
    },
    impacts: {
      low: 'Disputes stay close to home.',
      medium: 'Unfamiliar law may apply.',
      high: 'You would have to litigate abroad.'
    },
    actions: ['Check whether mandatory local consumer law applies'],
    regulations: { EU: ['Rome I Regulation Art. 6', 'Brussels Ia Regulation Art. 18'], US: ['Restatement (Second) of Conflict of Laws §187'], GB: ['CRA 2015 s. 74'] }
  },
  {
    id: 'content_licence',
    name: 'Licence to user content',
    group: 'Content & account',
    description: 'Rights the platform takes over what users post or upload.',
    oversight: 'consumer',
    docTypes: ['terms_of_service', 'community_guidelines'],
    weight: 1.1,
    sectorWeight: { 'Social media': 1.8, 'Generative AI': 1.4, Streaming: 1.2 },
    base: 2,
    drift: 0.15,
    titles: ['Licence to your content', 'Rights you grant us', 'Ownership of content and outputs'],
    clauses: {
      low: ['You keep ownership of your content. You grant {name} a licence only to host and display it as needed to run the service, which ends when you delete it.'],
      medium: [
        'You grant {name} a worldwide, non-exclusive, royalty-free licence to use, copy, modify and display content you post, in connection with operating and promoting the service.',
        'You own your outputs, but {name} may use them to operate and improve the service.'
      ],
      high: [
        'You grant {name} and its {partners} a perpetual, irrevocable, worldwide, royalty-free and sublicensable licence to use, reproduce, modify, create derivative works from and commercialise your content.',
        'By uploading content you waive any moral rights and grant us the right to use your name, likeness and content in advertising without compensation.'
      ]
    },
    aggravating: ['The licence survives deletion of your account.'],
    mitigating: ['The licence ends {days} days after you delete the content.'],
    amendments: ['The licence includes use in AI training.', 'Sublicences may be granted to {partners}.'],
    summaries: {
      low: 'Narrow licence to host and display.',
      medium: 'Broad royalty-free licence tied to the service.',
      high: 'Perpetual, irrevocable, sublicensable licence.'
    },
    impacts: {
      low: 'Your content remains yours.',
      medium: 'The platform may reuse your content widely.',
      high: 'The platform can exploit your work forever, without paying you.'
    },
    actions: ['Avoid uploading work you want to license elsewhere', 'Delete content you no longer want used'],
    regulations: { EU: ['DSA Art. 14', 'Unfair Contract Terms Directive 93/13/EEC'], US: ['17 U.S.C. §204'], GB: ['CRA 2015 s. 62'] }
  },
  {
    id: 'account_termination',
    name: 'Account termination',
    group: 'Content & account',
    description: 'When and how the platform may suspend or close accounts.',
    oversight: 'consumer',
    docTypes: ['terms_of_service', 'community_guidelines', 'acceptable_use_policy'],
    weight: 1.1,
    base: 2,
    drift: 0.05,
    titles: ['Suspension and termination', 'Termination of your account', 'Enforcement actions'],
    clauses: {
      low: ['We may suspend your account only for a material breach of these Terms, after giving you {notice} days’ notice and a chance to respond.'],
      medium: [
        'We may suspend or terminate your account if you violate these Terms. Where possible we will notify you and explain why.',
        'Accounts inactive for {months} months may be closed after notice.'
      ],
      high: [
        '{name} may suspend or terminate your account at any time, for any reason or no reason, without notice or liability.',
        'We may close your account at our sole discretion; any remaining balance or content may be forfeited.'
      ]
    },
    aggravating: ['Paid subscriptions are not refunded on termination.'],
    mitigating: ['You can export your data for {days} days after termination.'],
    amendments: ['Statements of reasons are provided as required by law.', 'Appeals can be made within {notice} days.'],
    summaries: {
      low: 'Termination only for material breach, with notice.',
      medium: 'Termination for violations, usually with notice.',
      high: 'Termination at any time, for any reason, without notice.'
    },
    impacts: {
      low: 'You are protected against arbitrary bans.',
      medium: 'You may lose access after a violation.',
      high: 'You can lose your account and content without warning.'
    },
    actions: ['Export your data regularly', 'Use the appeal process', 'Ask for a statement of reasons'],
    regulations: { EU: ['DSA Art. 17', 'DSA Art. 20', 'P2B Regulation Art. 4'], US: ['FTC Act §5'], GB: ['CRA 2015 s. 62'] }
  },
  {
    id: 'unilateral_changes',
    name: 'Unilateral changes to terms',
    group: 'Content & account',
    description: 'The platform’s right to change the terms, and the notice users get.',
    oversight: 'consumer',
    docTypes: ['terms_of_service', 'privacy_policy'],
    weight: 1.1,
    base: 2,
    drift: 0,
    titles: ['Changes to these Terms', 'Modifications', 'Updates to this policy'],
    clauses: {
      low: ['We will give you at least {notice} days’ notice of material changes by e-mail, and you may close your account before they take effect.'],
      medium: ['We may update these Terms from time to time. We will notify you of material changes in the app; continued use means you accept them.'],
      high: [
        'We may change these Terms at any time without notice. Changes take effect when posted, and it is your responsibility to check for updates.',
        '{name} reserves the right to modify any part of the service or these Terms at its sole discretion, effective immediately.'
      ]
    },
    aggravating: ['Changes apply to disputes that arose before the change.'],
    mitigating: ['Changes never apply retroactively.'],
    amendments: ['Notice will be given at least {notice} days in advance.'],
    summaries: {
      low: 'Advance notice and a right to leave.',
      medium: 'Changes notified, acceptance by continued use.',
      high: 'Changes without notice, effective immediately.'
    },
    impacts: {
      low: 'You have time to react to changes.',
      medium: 'You may miss changes you did not read.',
      high: 'The deal can change under you at any moment.'
    },
    actions: ['Subscribe to change notifications', 'Review the terms when notified'],
    regulations: { EU: ['Unfair Contract Terms Directive 93/13/EEC Annex 1(j)', 'DSA Art. 14'], US: ['FTC Act §5'], GB: ['CRA 2015 Sch. 2 para. 11'] }
  },
  {
    id: 'price_changes',
    name: 'Price changes and auto-renewal',
    group: 'Content & account',
    description: 'Subscription renewals, price increases and cancellation terms.',
    oversight: 'consumer',
    docTypes: ['terms_of_service', 'other'],
    weight: 0.8,
    sectorWeight: { Streaming: 2.5, 'Cloud/SaaS': 1.8, 'Generative AI': 1.4, Fintech: 1.4, Health: 1.2 },
    base: 2,
    drift: 0.1,
    titles: ['Subscription renewal and price changes', 'Fees and billing', 'Automatic renewal'],
    clauses: {
      low: ['Subscriptions do not renew automatically. We will tell you about price changes {notice} days in advance.'],
      medium: [
        'Subscriptions renew automatically until cancelled. We will notify you of price increases at least {notice} days before they apply, and you may cancel before then.',
        'You can cancel at any time in your account settings; cancellation takes effect at the end of the billing period.'
      ],
      high: [
        'Subscriptions renew automatically and fees may change at any time. Fees already paid are non-refundable.',
        'We may increase prices with effect from your next billing period; continued use after the increase constitutes acceptance.'
      ]
    },
    aggravating: ['Cancellation requires a phone call during business hours.'],
    mitigating: ['Unused time is refunded pro rata.'],
    amendments: ['Free trials convert to paid plans after {days} days.'],
    summaries: {
      low: 'No auto-renewal; price changes announced.',
      medium: 'Auto-renewal with notice of price increases.',
      high: 'Auto-renewal with unannounced price increases and no refunds.'
    },
    impacts: {
      low: 'No surprise charges.',
      medium: 'You will be charged until you cancel.',
      high: 'You may pay more without noticing.'
    },
    actions: ['Set a reminder before renewal', 'Cancel unused subscriptions', 'Check your bank statements'],
    regulations: { EU: ['Consumer Rights Directive 2011/83/EU Art. 6'], US: ['ROSCA 15 U.S.C. §8403', 'FTC Negative Option Rule'], GB: ['DMCC Act 2024 s. 257'] }
  }
];

/** Data-protection and consumer authorities by jurisdiction. */
export const AGENCIES: Record<string, { privacy: string[]; consumer: string[] }> = {
  US: { privacy: ['FTC', 'California Privacy Protection Agency'], consumer: ['FTC', 'CFPB', 'State attorneys general'] },
  GB: { privacy: ['ICO'], consumer: ['CMA', 'Ofcom'] },
  DE: { privacy: ['BfDI'], consumer: ['Bundeskartellamt', 'vzbv'] },
  FR: { privacy: ['CNIL'], consumer: ['DGCCRF', 'Arcom'] },
  IE: { privacy: ['DPC'], consumer: ['CCPC', 'Coimisiún na Meán'] },
  NL: { privacy: ['AP'], consumer: ['ACM'] },
  SE: { privacy: ['IMY'], consumer: ['Konsumentverket'] },
  ES: { privacy: ['AEPD'], consumer: ['Ministerio de Consumo'] },
  IT: { privacy: ['Garante'], consumer: ['AGCM'] },
  PL: { privacy: ['UODO'], consumer: ['UOKiK'] },
  CN: { privacy: ['CAC'], consumer: ['SAMR'] },
  JP: { privacy: ['PPC'], consumer: ['Consumer Affairs Agency'] },
  KR: { privacy: ['PIPC'], consumer: ['KFTC'] },
  IN: { privacy: ['MeitY'], consumer: ['CCPA (India)'] },
  BR: { privacy: ['ANPD'], consumer: ['Senacon'] },
  CA: { privacy: ['OPC'], consumer: ['Competition Bureau'] },
  AU: { privacy: ['OAIC'], consumer: ['ACCC'] },
  SG: { privacy: ['PDPC'], consumer: ['CCCS'] },
  IL: { privacy: ['PPA'], consumer: ['Israel Consumer Protection Authority'] },
  CH: { privacy: ['FDPIC'], consumer: ['SECO'] }
};

/** The national privacy law for jurisdictions outside the EU, US and UK. */
export const PRIVACY_LAWS: Record<string, string> = {
  CN: 'PIPL Art. 13',
  JP: 'APPI Art. 27',
  KR: 'PIPA Art. 17',
  IN: 'DPDP Act 2023 s. 6',
  BR: 'LGPD Art. 7',
  CA: 'PIPEDA Principle 4.3',
  AU: 'Privacy Act 1988 APP 6',
  SG: 'PDPA s. 13',
  IL: 'Privacy Protection Law §8',
  CH: 'nFADP Art. 6'
};
