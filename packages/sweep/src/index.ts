/** Placeholder entry point; filled by its issue. */
export const placeholder = true;
