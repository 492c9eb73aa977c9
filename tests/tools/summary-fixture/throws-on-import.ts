/** A module that cannot be imported: its top level throws. */
export const value: number = (() => {
  throw new Error('this module fails while it is imported');
})();
