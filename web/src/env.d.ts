// Vite's asset imports: `import url from "file?url"` gives the built file's URL.
declare module "*?url" {
  const url: string;
  export default url;
}
