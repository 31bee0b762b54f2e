/// <reference types="@tarojs/taro" />

declare module '*.css';
/** An image file: the build inlines a small one as a data: URL, else gives its path. */
declare module '*.svg' {
  const url: string;
  export default url;
}

declare namespace NodeJS {
  interface ProcessEnv {
    /** The platform being built, replaced at build time: weapp (WeChat) or h5 (the local browser build). */
    TARO_ENV?: 'weapp' | 'h5';
  }
}
