import { describe, expect, it } from 'vitest';
import { ACTIONS, GRANTS } from '@anxin/domain';
import type { Role } from '@anxin/domain';
import { MENU, menuEntryForPath, visibleMenu } from './menu-items.ts';

const keys = (actions: Iterable<string>): string[] => visibleMenu(actions).map((entry) => entry.key);

describe('menu', () => {
  it('shows only the workbench to an account with no actions', () => {
    expect(keys([])).toEqual(['home']);
  });

  it('shows each entry for its own action, in menu order', () => {
    expect(keys(['audit.read', 'person.read'])).toEqual(['home', 'register', 'audit']);
    expect(keys(['hotline.read'])).toEqual(['home', 'hotline']);
    expect(keys(['dashboard.read', 'organization.read', 'account.read'])).toEqual([
      'home',
      'dashboards',
      'organizations',
      'accounts',
    ]);
  });

  it('shows crisis for either crisis.read or crisis.read_feedback', () => {
    expect(keys(['crisis.read'])).toContain('crisis');
    expect(keys(['crisis.read_feedback'])).toContain('crisis');
    expect(keys(['crisis.report'])).not.toContain('crisis');
  });

  it('differs between roles as the policy table says', () => {
    const forRole = (role: Role): string[] => keys(GRANTS[role]);
    // Least privilege: the platform admin runs the platform but reads no one's health records.
    expect(forRole('platform_admin')).not.toContain('register');
    expect(forRole('platform_admin')).toContain('accounts');
    expect(forRole('health_admin')).toEqual(expect.arrayContaining(['register', 'dashboards', 'audit']));
    expect(forRole('grid_worker')).not.toEqual(forRole('platform_admin'));
  });

  it('uses real actions, unique keys and unique paths', () => {
    for (const entry of MENU) for (const action of entry.anyOf) expect(ACTIONS).toContain(action);
    expect(new Set(MENU.map((e) => e.key)).size).toBe(MENU.length);
    expect(new Set(MENU.map((e) => e.path)).size).toBe(MENU.length);
  });

  it('finds the entry for a location, preferring the most specific path', () => {
    expect(menuEntryForPath('/')?.key).toBe('home');
    expect(menuEntryForPath('/register')?.key).toBe('register');
    expect(menuEntryForPath('/register/123/edit')?.key).toBe('register');
    expect(menuEntryForPath('/registered')).toBeUndefined();
    expect(menuEntryForPath('/nowhere')).toBeUndefined();
  });
});
