// opencc-js ships its OpenCC dictionaries as ES modules exporting "from to|from to|..." strings.
declare module 'opencc-js/dict/TSCharacters' {
  const dict: string;
  export default dict;
}
declare module 'opencc-js/dict/HKVariantsRev' {
  const dict: string;
  export default dict;
}
declare module 'opencc-js/dict/TWVariantsRev' {
  const dict: string;
  export default dict;
}
