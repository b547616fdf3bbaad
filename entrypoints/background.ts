export default defineBackground(() => {
  // Filled by the composer-guard, admin and QA issues.
});
