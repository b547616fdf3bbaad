/** The state the guard's UI renders; the guard core writes it, React reads it through useSyncExternalStore. */
import type { Finding, Recipient } from '../../rules';
import type { UiLocale } from '../shared/i18n';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface BadgeView {
  composerId: string;
  anchor: Box;
  state: 'clean' | 'warn' | 'block';
  recipient: Recipient;
  recipientFromPage: boolean;
  findings: Finding[];
  canFix: boolean;
}

export interface CardView {
  composerId: string;
  index: number;
  finding: Finding;
  anchor: Box;
}

export interface DialogView {
  composerId: string;
  kind: 'block' | 'warn';
  findings: Finding[];
  /** block: the policy lets the agent send anyway with a justification. */
  override: boolean;
  /** warn: a written justification is needed rather than an acknowledgement. */
  justify: boolean;
  /** The agent fixed every finding: the original send can go now. */
  clean: boolean;
  notice?: string;
  reported: string[];
}

export interface GuardView {
  locale: UiLocale;
  badges: BadgeView[];
  card: CardView | null;
  dialog: DialogView | null;
  allowReports: boolean;
}

export interface GuardActions {
  applyFix(composerId: string, finding: Finding): void;
  report(composerId: string, finding: Finding): void;
  setRecipient(composerId: string, recipient: Recipient): void;
  /** Warn confirmed or block overridden; replays the held send once. */
  proceed(justification: string | null): void;
  /** The draft became clean inside the dialog: send it. */
  sendNow(): void;
  closeDialog(): void;
  cardHovered(hovered: boolean): void;
}

export class ViewStore {
  private view: GuardView;
  private listeners = new Set<() => void>();

  constructor(initial: GuardView) {
    this.view = initial;
  }

  get = (): GuardView => this.view;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(patch: Partial<GuardView>): void {
    this.view = { ...this.view, ...patch };
    for (const l of this.listeners) l();
  }
}
