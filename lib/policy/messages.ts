/** Runtime messages the admin part of the background answers. */
/** { type: PACKS_REFRESH_MESSAGE } → PackStatus after checking every remote source now (ETags ignored). */
export const PACKS_REFRESH_MESSAGE = 'draftguard:packs:refresh' as const;
