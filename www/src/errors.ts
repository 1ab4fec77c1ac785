// What an error means to the person in front of the console: a plain headline and the next step
// in their language, from the error's stable code; the library's or the cloud's own words stay
// behind a toggle (they are English, and useful to whoever reads logs).
import { h } from './dom';
import { t, tf, type Key } from './i18n';

export interface NamedError {
  name?: string;
  code?: string;
  message?: string;
  provider?: string | null;
  requestId?: string | null;
  httpStatus?: number | null;
}

/** The headline and next step of each code family the console explains. */
const FAMILIES: { codes: RegExp; headline: Key; next: Key }[] = [
  { codes: /^SignatureNonceUsed$/, headline: 'errRepeated', next: 'errRepeatedNext' },
  { codes: /^(SignatureDoesNotMatch|AuthFailure\.SignatureFailure|InvalidAuthorization|IncompleteSignature)$/, headline: 'errSignature', next: 'errSignatureNext' },
  { codes: /^(InvalidAccessKey|AuthFailure\.SecretIdNotFound|InvalidAccessKeyId\.NotFound|InvalidAccessKeyId)$/, headline: 'errAccessKey', next: 'errAccessKeyNext' },
  { codes: /^(InvalidTimestamp|AuthFailure\.SignatureExpire|Unauthorized\.InvalidTime)$/, headline: 'errClock', next: 'errClockNext' },
  { codes: /^(NetworkError|NotForwarded|Redirected)$/, headline: 'errNetwork', next: 'errNetworkNext' },
  { codes: /^Timeout$/, headline: 'errTimeout', next: 'errNetworkNext' },
  { codes: /^OutcomeUnknown$/, headline: 'errUnknown', next: 'errUnknownNext' },
  { codes: /^(Throttling.*|RequestLimitExceeded.*|FlowLimitExceeded|LimitExceeded\.RateLimitExceeded)$/, headline: 'errThrottled', next: 'errThrottledNext' },
  { codes: /^NotCovered$/, headline: 'errNotCovered', next: 'errNotCoveredNext' },
  { codes: /^(NotFound|ResourceNotFound\.DomainNotExist|ResourceNotFound\.Domain|SiteNotFound)$/, headline: 'errNotFound', next: 'errNotFoundNext' },
  { codes: /^NoClient$/, headline: 'errNoClient', next: 'errNoClientNext' },
  { codes: /^InvalidTarget$/, headline: 'errInvalidTarget', next: 'errInvalidTargetNext' },
  { codes: /^KeyMismatch$/, headline: 'keyMismatch', next: 'errKeyNext' },
  { codes: /^(EncryptedPrivateKey|InvalidPrivateKey|NoPrivateKey)$/, headline: 'errKey', next: 'errKeyNext' },
  { codes: /^(InvalidCertificate|NoCertificate)$/, headline: 'errCertificate', next: 'errCertificateNext' },
  { codes: /^CertificateExpired$/, headline: 'certExpired', next: 'errKeyNext' },
  { codes: /^(MalformedAnswer|HttpError|AnswerTooLarge|PagingRepeats|PagingInconsistent|ListingTooLarge|PageCapReached)$/, headline: 'errAnswer', next: 'errAnswerNext' },
  { codes: /^PlanOutdated$/, headline: 'errPlanOutdated', next: 'errPlanOutdatedNext' },
  { codes: /^NotSent$/, headline: 'errNotSent', next: 'errUnknownNext' },
];

/** The headline and next step for `e`, or null when the console has none (the words are shown). */
export function explain(e: NamedError): { headline: string; next: string } | null {
  const code = e.code ?? '';
  const f = FAMILIES.find((x) => x.codes.test(code));
  if (!f) return null;
  const cloud = e.provider ? t(e.provider as Key) : t('thisCloud');
  return { headline: tf(f.headline, { cloud }), next: tf(f.next, { cloud }) };
}

/**
 * An error as a person reads it: the headline and next step where the console knows the code,
 * else the error's words; the name, code and words behind "Details".
 */
export function errorBlock(e: NamedError, { id }: { id?: string } = {}): HTMLElement {
  const said = explain(e);
  return h('div', { class: 'error-block', id, 'data-error-code': e.code ?? '', 'data-error-name': e.name ?? '' },
    h('p', { class: 'error-headline' }, said ? said.headline : e.message ?? e.name ?? 'Error'),
    said ? h('p', { class: 'error-next' }, said.next) : null,
    h('details', { class: 'error-details' },
      h('summary', {}, t('details')),
      h('p', { class: 'mono' }, `${e.name ?? 'Error'} ${e.code ?? ''}`.trim()),
      h('p', { class: 'error-message' }, e.message ?? ''),
      e.requestId ? h('p', { class: 'mono' }, `${t('requestId')}: ${e.requestId}`) : null));
}

/** Refusals made before anything was sent, which sending again cannot change. */
export const REFUSALS = new Set(['NotCovered', 'NotFound', 'NoClient', 'InvalidTarget', 'ResourceNotFound.DomainNotExist', 'MismatchedDomainName']);
