import { describe, expect, it } from 'vitest';
import { maskForModel } from '../../../bot/engine/llm/mask-for-model.js';

describe('maskForModel', () => {
  it('masks ID numbers and mobile numbers', () => {
    expect(maskForModel('身份证370402199001011234 手机13912345678')).toBe('身份证3704**********1234 手机139****5678');
  });

  it('keeps a mobile number that the facts publish, and masks the resident’s own', () => {
    const publicText = JSON.stringify({ contacts: [{ phone: '13800001111' }] });
    expect(maskForModel('我的13912345678；咨询13800001111', publicText)).toBe('我的139****5678；咨询13800001111');
  });

  it('leaves text without personal data unchanged', () => {
    expect(maskForModel('滕州电话0632-5513165，培训费3500元')).toBe('滕州电话0632-5513165，培训费3500元');
  });
});
