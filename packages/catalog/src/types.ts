/**
 * The shape of one status-code entry. Every field is prose written for this project or data
 * checked against the defining RFC; the simulator, the lint rules and the UI read the same table
 * (DESIGN.md convention 5).
 */

/** RFC 9110 §15: the first digit defines the class. 1xx is *informational*, never "success". */
export type StatusClass =
  'informational' | 'successful' | 'redirection' | 'client-error' | 'server-error';

/** Where a code is defined: a document and a section in it, with a link. */
export interface Citation {
  /** e.g. `RFC 9110` */
  document: string;
  /** e.g. `15.2.2` (no "§") */
  section: string;
  /** e.g. `https://www.rfc-editor.org/rfc/rfc9110#section-15.2.2` */
  url: string;
}

/** A header field the status requires (MUST), expects (SHOULD / conventional) or may carry. */
export interface HeaderRequirement {
  name: string;
  level: 'required' | 'expected' | 'optional';
  /** Why, with the section that says so (e.g. "RFC 9110 §15.5.6: MUST send Allow"). */
  why: string;
  /** Default value the simulator sends when the user gives none (may contain `{origin}`). */
  simulatorDefault?: string;
}

/** How one kind of client commonly treats the status. */
export interface ClientBehaviour {
  browsers: string;
  apiClients: string;
  crawlers: string;
  uptimeMonitors: string;
  cdns: string;
}

/** A short, correct code or config snippet (server implementation, proxy config, checklist step). */
export interface Snippet {
  title: string;
  /** e.g. `ts`, `python`, `java`, `go`, `nginx`, `apache`, `bash`, `text` */
  language: string;
  code: string;
  note?: string;
}

/** Extra depth for the protocol-switching codes (101, 426). */
export interface UpgradeGuide {
  /** How common servers produce it (Node ws / Express handleUpgrade, Starlette, Channels, Spring, gorilla). */
  servers: Snippet[];
  /** Reverse-proxy settings an upgrade needs (nginx, Apache mod_proxy_wstunnel, ...). */
  proxies: Snippet[];
  /** A debugging checklist, in order. */
  checklist: { step: string; detail: string; snippet?: Snippet }[];
}

export interface StatusEntry {
  code: number;
  /** Reason phrase as registered by IANA (e.g. 422 "Unprocessable Content"). */
  reason: string;
  class: StatusClass;
  /** false for the well-known unregistered codes (420, 444, 499, 520-527, ...). */
  registered: boolean;
  /** For unregistered codes: who uses it (e.g. "nginx (internal, never sent)"). */
  usedBy?: string;
  /** Registered codes: the defining document; unregistered: the closest relevant spec section. */
  defined: Citation;
  /** Other citations worth reading (e.g. 101 also cites RFC 9110 §7.8). */
  seeAlso: Citation[];
  /**
   * false for 1xx (RFC 9110 §15.2), 204 (§15.3.5), 205 (§15.3.6) and 304 (§15.4.5): no content.
   * HEAD never has content.
   */
  contentAllowed: boolean;
  /** RFC 9110 §15.1 heuristically cacheable by default. */
  heuristicallyCacheable: boolean;
  /**
   * Deprecated or discouraged, with the reason and citation (e.g. 102, 305 by RFC 9110 §15.4.6,
   * 510). Not for reserved codes: see `reserved`.
   */
  deprecated?: string;
  /**
   * Reserved, with the reason and citation: the code has no meaning now and is kept so that it is
   * not reassigned (306 by RFC 9110 §15.4.7, 418 by §15.5.19). Reserved is not deprecated: nothing
   * was ever defined for HTTP under 418, and RFC 9110 calls neither code deprecated.
   */
  reserved?: string;
  headers: HeaderRequirement[];
  /** One line, shown in the simulator's diagnostic body. */
  summary: string;
  /** What it means, a paragraph. */
  meaning: string;
  /** What a client may rely on. */
  guarantees: string;
  /** What it does not promise (common false assumptions). */
  doesNotGuarantee: string;
  whenToUse: string;
  misuses: string[];
  clients: ClientBehaviour;
  related: number[];
  /** Only for 101 and 426. */
  upgrade?: UpgradeGuide;
}
