/// <reference types="@tarojs/taro" />

declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    /** The platform being built, replaced at build time: weapp (WeChat) or h5 (the local browser build). */
    TARO_ENV?: 'weapp' | 'h5';
  }
}
